// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./Erc20Base.sol";

/// An ERC-20 whose name() and symbol() return bytes32, as early tokens did (MKR, SAI): a reader that expects strings
/// must fall back to decoding a right-padded bytes32.
contract Bytes32Token is Erc20Base {
    bytes32 public constant name = "Bytes32 Token";
    bytes32 public constant symbol = "B32";
    uint8 public constant decimals = 18;
}
