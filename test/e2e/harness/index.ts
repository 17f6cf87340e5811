export * from './credentials';
export * from './executions';
export * from './free-port';
export * from './n8n-cli';
export * from './n8n-env';
export * from './n8n-server';
export * from './paths';
export * from './workflows';
