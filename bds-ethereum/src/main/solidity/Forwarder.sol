// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// Holds the value it was created with until destroy() sends it on by SELFDESTRUCT. Since EIP-6780 (Cancun) the code
/// is deleted only when destroy() runs in the transaction that created the child; otherwise only the balance moves.
contract Child {
    address payable public immutable beneficiary;

    constructor(address payable beneficiary_) payable {
        beneficiary = beneficiary_;
    }

    receive() external payable {}

    function destroy() external {
        selfdestruct(beneficiary);
    }
}

/// Internal value transfers of every shape a trace decoder must handle: ether forwarded through nested calls, a caught
/// inner revert whose subtree moved nothing, contracts created with value by CREATE and CREATE2, SELFDESTRUCT, and a
/// function that always reverts (for failed top-level transactions).
contract Forwarder {
    event Forwarded(address indexed to, uint256 value, uint256 hops);
    event InnerCallReverted(address indexed refused, uint256 value);
    event ChildCreated(address indexed child, bool create2, uint256 value);

    /// Splits msg.value evenly among the recipients (the last one also gets the remainder), each share passing
    /// through `hops` nested calls of this contract before it is paid out.
    function forward(address payable[] calldata recipients, uint256 hops) external payable {
        require(recipients.length > 0, "Forwarder: no recipients");
        uint256 share = msg.value / recipients.length;
        for (uint256 i = 0; i < recipients.length; i++) {
            uint256 amount = i + 1 == recipients.length ? msg.value - share * i : share;
            this.relay{value: amount}(recipients[i], hops);
            emit Forwarded(recipients[i], amount, hops);
        }
    }

    /// Pays msg.value to `to` after `hops` more nested calls.
    function relay(address payable to, uint256 hops) external payable {
        if (hops == 0) {
            (bool paid,) = to.call{value: msg.value}("");
            require(paid, "Forwarder: payment refused");
        } else {
            this.relay{value: msg.value}(to, hops - 1);
        }
    }

    /// Pays `refused` through nested calls, then reverts: nothing it did survives.
    function relayThenRevert(address payable refused) external payable {
        this.relay{value: msg.value}(refused, 1);
        revert("Forwarder: reverted on purpose");
    }

    /// Tries to pay `refused` (an inner call that reverts after paying, caught with a low-level call), then pays
    /// `paid`. The transaction succeeds; `refused` receives nothing and `paid` receives msg.value.
    function forwardSurvivingRevert(address payable paid, address payable refused) external payable {
        (bool ok,) = address(this).call{value: msg.value}(abi.encodeCall(this.relayThenRevert, (refused)));
        require(!ok, "Forwarder: the inner call should have reverted");
        emit InnerCallReverted(refused, msg.value);
        this.relay{value: msg.value}(paid, 0);
        emit Forwarded(paid, msg.value, 0);
    }

    /// CREATE of a child holding msg.value.
    function createChild(address payable beneficiary) external payable returns (address child) {
        child = address(new Child{value: msg.value}(beneficiary));
        emit ChildCreated(child, false, msg.value);
    }

    /// CREATE2 of a child holding msg.value; a salt used before makes the transaction fail.
    function create2Child(bytes32 salt, address payable beneficiary) external payable returns (address child) {
        child = address(new Child{value: msg.value, salt: salt}(beneficiary));
        emit ChildCreated(child, true, msg.value);
    }

    /// CREATE of a child with msg.value that destroys itself in the same transaction, paying the beneficiary.
    function createAndDestroy(address payable beneficiary) external payable returns (address child) {
        Child created = new Child{value: msg.value}(beneficiary);
        child = address(created);
        emit ChildCreated(child, false, msg.value);
        created.destroy();
    }

    /// Always reverts, value or not.
    function alwaysReverts() external payable {
        revert("Forwarder: always reverts");
    }
}
