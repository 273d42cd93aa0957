package org.openbds.api;

import java.util.List;

/**
 * A plugin for one family of chains (Bitcoin family, Ethereum family…), found with {@link java.util.ServiceLoader}.
 * A new chain of an existing family is a profile of that family, not a new plugin.
 */
public interface ChainFamily {
  /** The family's name, e.g. {@code bitcoin}. */
  String name();

  /** The chains the family serves. */
  List<ChainId> chains();

  /** The networks a chain of this family has, the default first. */
  List<String> networks(ChainId chain);

  ChainSupport open(ChainId chain, String network, SplitOptions options);
}
