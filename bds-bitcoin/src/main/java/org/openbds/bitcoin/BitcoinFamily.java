package org.openbds.bitcoin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.BdsMessages;
import org.openbds.api.BlockSource;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.Reconciler;
import org.openbds.bitcoin.rpc.BitcoinRpcBlockSource;
import org.openbds.api.SplitOptions;
import org.openbds.bitcoin.bds.BitcoinBdsMessages;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.profile.NetworkParameters;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.bitcoin.verify.BitcoinReconciler;

/** The Bitcoin family: BTC, LTC, BCH, DOGE and BSV, one implementation driven by chain profiles. */
public final class BitcoinFamily implements ChainFamily {
  @Override
  public String name() {
    return "bitcoin";
  }

  @Override
  public List<ChainId> chains() {
    List<ChainId> out = new ArrayList<>();
    for (String c : ChainProfiles.CHAINS) {
      out.add(new ChainId(c));
    }
    return out;
  }

  @Override
  public List<String> networks(ChainId chain) {
    return List.of("mainnet", "testnet", "regtest", ChainProfiles.SYNTHETIC);
  }

  @Override
  public ChainSupport open(ChainId chain, String network, SplitOptions options) {
    ChainProfile profile = ChainProfiles.load(chain.value());
    NetworkParameters params = profile.network(network);
    BitcoinSplitter splitter = new BitcoinSplitter(profile, params, options.storeInputScripts());
    // the same splitter underneath: a deployment reads either our own sources or the original product's messages
    BitcoinBdsMessages bdsMessages = new BitcoinBdsMessages(splitter);
    return new ChainSupport() {
      @Override
      public ChainId chain() {
        return chain;
      }

      @Override
      public String network() {
        return network;
      }

      @Override
      public String unit() {
        return profile.unit();
      }

      @Override
      public BitcoinSplitter splitter() {
        return splitter;
      }

      @Override
      public BlockSource blockFiles(Path path, OptionalLong startHeight) {
        return BlockFileSource.open(path, params, startHeight);
      }

      @Override
      public NodeSource node(NodeSettings settings) {
        BitcoinRpcBlockSource source = BitcoinRpcBlockSource.open(settings);
        try {
          checkGenesis(profile, network, params, source);
        } catch (RuntimeException e) {
          source.close();
          throw e;
        }
        return source;
      }

      @Override
      public Reconciler reconciler(NodeSettings settings) {
        return BitcoinReconciler.open(settings, params.subsidy());
      }

      @Override
      public Optional<BdsMessages> bdsMessages() {
        return Optional.of(bdsMessages);
      }
    };
  }

  /** Refuses a node of another chain or network: its genesis block must be the profile's. */
  private static void checkGenesis(ChainProfile profile, String network, NetworkParameters params, NodeSource source) {
    if (params.genesisHash().isEmpty()) {
      return;
    }
    Hash32 genesis =
        source.hashAt(0).orElseThrow(() -> new BdsException(ErrorCode.MALFORMED_RESPONSE, source.endpoint() + " has no block at height 0"));
    if (genesis.equals(params.genesisHash().get())) {
      return;
    }
    String hint = "";
    for (String other : List.of("mainnet", "testnet", "regtest")) {
      NetworkParameters candidate = profile.networks().get(other);
      if (candidate != null && candidate.genesisHash().equals(java.util.Optional.of(genesis))) {
        hint = " It is a " + profile.chain() + " " + other + " node: use --network " + other + ".";
      }
    }
    throw new BdsException(
        ErrorCode.INVALID_CONFIG,
        "the node at " + source.endpoint() + " does not serve " + profile.chain() + " " + network + ": its genesis block is " + genesis
            + ", expected " + params.genesisHash().get() + "." + hint);
  }
}
