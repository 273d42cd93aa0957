package org.openbds.forensics.labels;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is known of an address: a category, a name, and where that knowledge comes from (source, author, date), so that
 * every label shown can be traced back to who said it. Account-chain addresses ({@code 0x} and 40 hex digits) are kept
 * in lower case, as the warehouse holds them.
 */
public record Label(String chain, String address, String category, String name, String source, String author, LocalDate added, Optional<String> note) {
  /** The categories a label may have. */
  public static final List<String> CATEGORIES =
      List.of("exchange", "mixer", "service", "gambling", "mining-pool", "merchant", "sanctioned", "scam", "ransomware", "darknet-market", "victim",
          "suspect", "other");

  public Label {
    requireNonNull(chain, "chain is null");
    requireNonNull(address, "address is null");
    requireNonNull(category, "category is null");
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(author, "author is null");
    requireNonNull(added, "added is null");
    requireNonNull(note, "note is null");
    category = category.toLowerCase(Locale.ROOT);
    if (address.matches("0[xX][0-9a-fA-F]{40}")) {
      address = address.toLowerCase(Locale.ROOT); // account addresses in any case (EIP-55 checksums) are one address
    }
    if (!CATEGORIES.contains(category)) {
      throw new IllegalArgumentException("no category '" + category + "'; the categories are " + String.join(", ", CATEGORIES));
    }
    if (address.isBlank() || name.isBlank() || source.isBlank() || author.isBlank()) {
      throw new IllegalArgumentException("a label needs an address, a name, a source and an author");
    }
  }

  /** {@code category: name (source, author, date)}, as traces and pages show it. */
  public String describe() {
    return category + ": " + name + " (" + source + ", " + author + ", " + added + ")";
  }
}
