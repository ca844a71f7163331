/** Shared by the reader tests. */

export const SOAP_11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** A SOAP envelope (1.1 unless another namespace is given) around `body`. */
export const env = (body: string, ns = SOAP_11_NS) =>
	`<?xml version="1.0"?><soap:Envelope xmlns:soap="${ns}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
