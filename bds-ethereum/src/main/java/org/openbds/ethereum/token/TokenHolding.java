package org.openbds.ethereum.token;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a token contract keeps for one key, and the {@code eth_call} that asks the contract for it: an ERC-20 holder's
 * balance ({@code balanceOf(holder)}), an ERC-1155 holder's balance of one id ({@code balanceOf(holder, id)}), or the
 * owner of one ERC-721 id ({@code ownerOf(id)}, so the holder is not part of the key). Addresses are {@code "0x"} + 40
 * lowercase hex.
 *
 * @param holder the holder; empty for ERC-721, whose key is the token id alone
 * @param tokenId the token id; empty for ERC-20
 */
public record TokenHolding(String token, TokenStandard standard, Optional<String> holder, Optional<BigInteger> tokenId) {
  public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
  private static final String BALANCE_OF = "0x70a08231";
  private static final String BALANCE_OF_ID = "0x00fdd58e";
  private static final String OWNER_OF = "0x6352211e";

  public TokenHolding {
    requireNonNull(token, "token is null");
    requireNonNull(standard, "standard is null");
    requireNonNull(holder, "holder is null");
    requireNonNull(tokenId, "tokenId is null");
    if (holder.isPresent() == (standard == TokenStandard.ERC721) || tokenId.isPresent() == (standard == TokenStandard.ERC20)) {
      throw new IllegalArgumentException(standard + " holding with holder " + holder + " and token id " + tokenId);
    }
  }

  public static TokenHolding erc20(String token, String holder) {
    return new TokenHolding(token, TokenStandard.ERC20, Optional.of(holder), Optional.empty());
  }

  public static TokenHolding erc721(String token, BigInteger tokenId) {
    return new TokenHolding(token, TokenStandard.ERC721, Optional.empty(), Optional.of(tokenId));
  }

  public static TokenHolding erc1155(String token, String holder, BigInteger tokenId) {
    return new TokenHolding(token, TokenStandard.ERC1155, Optional.of(holder), Optional.of(tokenId));
  }

  /**
   * The holding a stored row stands for, from its standard as the tables name it ({@code erc20}, {@code erc721},
   * {@code erc1155}); for ERC-721 the holder is not part of the key and is ignored.
   *
   * @throws IllegalArgumentException for another standard
   */
  public static TokenHolding ofStored(String token, String standard, String holder, String tokenId) {
    return switch (standard) {
      case "erc20" -> erc20(token, holder);
      case "erc721" -> erc721(token, new BigInteger(tokenId));
      case "erc1155" -> erc1155(token, holder, new BigInteger(tokenId));
      default -> throw new IllegalArgumentException("no token standard '" + standard + "'");
    };
  }

  /**
   * The holdings a transfer changes: sender and recipient (the zero address, which stands for minting and burning,
   * holds nothing), or the id for ERC-721.
   */
  public static List<TokenHolding> changedBy(TokenTransfer t) {
    List<TokenHolding> out = new ArrayList<>(2);
    switch (t.standard()) {
      case ERC721 -> out.add(erc721(t.tokenAddress(), t.tokenId().orElseThrow()));
      case ERC20, ERC1155 -> {
        for (String holder : List.of(t.from(), t.to())) {
          if (!holder.equals(ZERO_ADDRESS) && out.stream().noneMatch(h -> h.holder().orElseThrow().equals(holder))) {
            out.add(t.standard() == TokenStandard.ERC20 ? erc20(t.tokenAddress(), holder) : erc1155(t.tokenAddress(), holder, t.tokenId().orElseThrow()));
          }
        }
      }
    }
    return out;
  }

  /** A string that identifies the holding among all of a chain's holdings. */
  public String key() {
    return token + "/" + standard + "/" + holder.orElse("") + "/" + tokenId.map(BigInteger::toString).orElse("");
  }

  /** The call data that asks the contract for this holding. */
  public String callData() {
    return switch (standard) {
      case ERC20 -> BALANCE_OF + word(address(holder.orElseThrow()));
      case ERC1155 -> BALANCE_OF_ID + word(address(holder.orElseThrow())) + word(tokenId.orElseThrow());
      case ERC721 -> OWNER_OF + word(tokenId.orElseThrow());
    };
  }

  /**
   * What a successful call returned, read as this holding: the amount held (ERC-20, ERC-1155) or the owner (ERC-721);
   * empty when the answer is not one ABI word of the right kind (a contract may answer anything).
   */
  public Optional<Held> read(String returned) {
    Optional<byte[]> bytes = AbiWords.parseHex(returned);
    if (bytes.isEmpty() || bytes.get().length != AbiWords.WORD) {
      return Optional.empty();
    }
    if (standard != TokenStandard.ERC721) {
      return Optional.of(new Held(holder.orElseThrow(), AbiWords.uint256(bytes.get(), 0)));
    }
    return AbiWords.address(bytes.get(), 0).map(owner -> owner.equals(ZERO_ADDRESS) ? nobody() : new Held(owner, BigInteger.ONE));
  }

  /** The holding of a key nobody has: an ERC-721 id not minted (its {@code ownerOf} reverts), or a zero balance. */
  public Held nobody() {
    return new Held(holder.orElse(ZERO_ADDRESS), BigInteger.ZERO);
  }

  /** Who holds how much: for ERC-721 the owner and 1, or the zero address and 0 when the id has no owner. */
  public record Held(String holder, BigInteger amount) {
    public Held {
      requireNonNull(holder, "holder is null");
      requireNonNull(amount, "amount is null");
    }
  }

  private static BigInteger address(String hex) {
    return new BigInteger(hex.substring(2), 16);
  }

  private static String word(BigInteger v) {
    String h = v.toString(16);
    return "0".repeat(64 - h.length()) + h;
  }
}
