// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// What a contract must answer to receive ERC-1155 tokens.
interface Erc1155Receiver {
    function onERC1155Received(address operator, address from, uint256 id, uint256 value, bytes calldata data)
        external
        returns (bytes4);

    function onERC1155BatchReceived(
        address operator,
        address from,
        uint256[] calldata ids,
        uint256[] calldata values,
        bytes calldata data
    ) external returns (bytes4);
}

/// A minimal ERC-1155 (EIP-1155 events and transfer rules, ERC-165) with an open mint of any id, for tests.
contract TestMulti {
    mapping(uint256 => mapping(address => uint256)) private balances;
    mapping(address => mapping(address => bool)) public isApprovedForAll;

    event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value);
    event TransferBatch(
        address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values
    );
    event ApprovalForAll(address indexed account, address indexed operator, bool approved);
    event URI(string value, uint256 indexed id);

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 || interfaceId == 0xd9b67a26 || interfaceId == 0x0e89341c;
    }

    function uri(uint256) external pure returns (string memory) {
        return "https://example.invalid/{id}.json";
    }

    function balanceOf(address account, uint256 id) external view returns (uint256) {
        require(account != address(0), "ERC1155: zero address");
        return balances[id][account];
    }

    function balanceOfBatch(address[] calldata accounts, uint256[] calldata ids) external view returns (uint256[] memory) {
        require(accounts.length == ids.length, "ERC1155: length mismatch");
        uint256[] memory result = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; i++) {
            result[i] = balances[ids[i]][accounts[i]];
        }
        return result;
    }

    function setApprovalForAll(address operator, bool approved) external {
        isApprovedForAll[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function mint(address to, uint256 id, uint256 value, bytes calldata data) external {
        require(to != address(0), "ERC1155: mint to the zero address");
        balances[id][to] += value;
        emit TransferSingle(msg.sender, address(0), to, id, value);
        _checkSingle(address(0), to, id, value, data);
    }

    function safeTransferFrom(address from, address to, uint256 id, uint256 value, bytes calldata data) external {
        _checkCaller(from, to);
        _move(from, to, id, value);
        emit TransferSingle(msg.sender, from, to, id, value);
        _checkSingle(from, to, id, value, data);
    }

    function safeBatchTransferFrom(
        address from,
        address to,
        uint256[] calldata ids,
        uint256[] calldata values,
        bytes calldata data
    ) external {
        require(ids.length == values.length, "ERC1155: length mismatch");
        _checkCaller(from, to);
        for (uint256 i = 0; i < ids.length; i++) {
            _move(from, to, ids[i], values[i]);
        }
        emit TransferBatch(msg.sender, from, to, ids, values);
        if (to.code.length > 0) {
            bytes4 answer = Erc1155Receiver(to).onERC1155BatchReceived(msg.sender, from, ids, values, data);
            require(answer == Erc1155Receiver.onERC1155BatchReceived.selector, "ERC1155: receiver refused");
        }
    }

    function _checkCaller(address from, address to) private view {
        require(to != address(0), "ERC1155: transfer to the zero address");
        require(from == msg.sender || isApprovedForAll[from][msg.sender], "ERC1155: not allowed");
    }

    function _move(address from, address to, uint256 id, uint256 value) private {
        uint256 held = balances[id][from];
        require(held >= value, "ERC1155: insufficient balance");
        unchecked {
            balances[id][from] = held - value;
        }
        balances[id][to] += value;
    }

    function _checkSingle(address from, address to, uint256 id, uint256 value, bytes calldata data) private {
        if (to.code.length > 0) {
            bytes4 answer = Erc1155Receiver(to).onERC1155Received(msg.sender, from, id, value, data);
            require(answer == Erc1155Receiver.onERC1155Received.selector, "ERC1155: receiver refused");
        }
    }
}
