package org.openbds.ethereum.token;

/** The token standard a transfer was recognised under (by its event's signature and layout). */
public enum TokenStandard {
  ERC20,
  ERC721,
  ERC1155
}
