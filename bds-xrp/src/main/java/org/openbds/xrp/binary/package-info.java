/**
 * The XRP Ledger's canonical binary serialization and the hashes built on it: {@link
 * org.openbds.xrp.binary.XrplBinaryCodec} turns the JSON rippled prints into the bytes the network hashes, and {@link
 * org.openbds.xrp.binary.XrplHashes} derives transaction ids, a ledger's transaction tree root and its header hash,
 * so that recorded or fetched data can be checked against what the network validated. The protocol's field and code
 * tables are data (TSV resources beside these classes), not code.
 */
package org.openbds.xrp.binary;
