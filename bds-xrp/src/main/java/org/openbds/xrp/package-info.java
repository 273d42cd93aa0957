/**
 * The XRP Ledger family: validated ledgers from rippled (JSON-RPC or WebSocket) or from recorded {@code ledger}
 * responses, decoded into immutable values with exact amounts (XRP in integer drops, issued currencies as exact
 * decimals), balance changes derived from each transaction's metadata, and the rows of the {@code xrp} schema.
 */
package org.openbds.xrp;
