// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./Erc20Base.sol";

/// A standard ERC-20 with string metadata chosen at deployment.
contract TestToken is Erc20Base {
    string public name;
    string public symbol;
    uint8 public decimals;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
    }
}
