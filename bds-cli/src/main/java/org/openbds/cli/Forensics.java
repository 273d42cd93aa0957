package org.openbds.cli;

import java.time.Instant;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.core.ChainFamilies;
import org.openbds.forensics.Investigations;

/** What the forensics commands share: which chains they read, and how they read dates. */
final class Forensics {
  private Forensics() {}

  /**
   * The family of {@code chain}; fails unless its funds can be followed (the Bitcoin family's outputs or the Ethereum
   * family's accounts). {@link Investigations#flowModel} decides.
   */
  static String requireTraceableChain(String chain) {
    String family = ChainFamilies.load().forChain(chain).name();
    Investigations.flowModel(chain, family);
    return family;
  }

  /** The family of {@code chain}; fails unless it is of the Bitcoin family, whose co-spends clustering reads. */
  static String requireUtxoChain(String chain) {
    String family = requireTraceableChain(chain);
    if (Investigations.flowModel(chain, family) != Investigations.FlowModel.UTXO) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, chain + " is of the " + family + " family; clustering and address profiles read"
          + " Bitcoin-family chains, where addresses spend together");
    }
    return family;
  }

  /** An instant or a UTC date; a date stands for its start, or with {@code endOfDay} for its last instant. */
  static Instant instant(String text, String option, boolean endOfDay) {
    try {
      return Investigations.instant(text, option, endOfDay);
    } catch (IllegalArgumentException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
    }
  }
}
