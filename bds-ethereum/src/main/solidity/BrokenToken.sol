// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./Erc20Base.sol";

/// An ERC-20 whose transfers and events are standard but whose metadata is not: name() reverts and decimals() returns a
/// word that is not a uint8. A reader must record the metadata as unknown and still index the transfers.
contract BrokenToken is Erc20Base {
    string public constant symbol = "BRKN";

    function name() external pure returns (string memory) {
        revert("BrokenToken: no name");
    }

    function decimals() external pure returns (uint8) {
        assembly {
            // a full 32-byte word where the ABI allows only 0-255
            mstore(0, 0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef)
            return(0, 32)
        }
    }
}
