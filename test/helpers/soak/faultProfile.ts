/** The share of requests each fault hits in a fault soak's sandbox (seeded by the soak). */
export const SOAK_FAULT_RATES = {
	server_error: 0.1,
	rate_limit: 0.05,
	early_404: 0.05,
	slow: 0.05,
	malformed_json: 0.03,
	drop_connection: 0.03,
};

/** The share of callbacks a soak's sandbox sends twice, or holds back behind a later one. */
export const CALLBACK_FAULT_RATES = { duplicate_callback: 0.3, out_of_order_callback: 0.3 };
