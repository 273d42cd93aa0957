package org.openbds.ethereum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.BdsMessages;
import org.openbds.api.BlockSource;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.Reconciler;
import org.openbds.api.SplitOptions;
import org.openbds.ethereum.bds.EthBdsMessages;
import org.openbds.ethereum.profile.EthChainProfile;
import org.openbds.ethereum.rpc.EthRpcBlockSource;
import org.openbds.ethereum.split.DecodedPayloads;
import org.openbds.ethereum.split.EthSplitter;
import org.openbds.ethereum.verify.EthReconciler;

/** The Ethereum family: ETH, ETC and other EVM chains, one implementation driven by chain profiles. */
public final class EthereumFamily implements ChainFamily {
  @Override
  public String name() {
    return "ethereum";
  }

  @Override
  public List<ChainId> chains() {
    List<ChainId> out = new ArrayList<>();
    for (String c : EthChainProfile.CHAINS) {
      out.add(new ChainId(c));
    }
    return out;
  }

  @Override
  public List<String> networks(ChainId chain) {
    return List.copyOf(EthChainProfile.load(chain.value()).networks().keySet());
  }

  @Override
  public ChainSupport open(ChainId chain, String network, SplitOptions options) {
    EthChainProfile profile = EthChainProfile.load(chain.value());
    EthChainProfile.EthNetwork net = profile.network(network);
    // blocks the sources decode to read their facts are not decoded again by the splitter
    DecodedPayloads decoded = new DecodedPayloads();
    EthSplitter splitter = new EthSplitter(net.rewards(), decoded);
    // the same splitter underneath: a deployment reads either a node or the original product's messages
    EthBdsMessages bdsMessages = new EthBdsMessages(splitter);
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
      public EthSplitter splitter() {
        return splitter;
      }

      @Override
      public BlockSource blockFiles(Path path, OptionalLong startHeight) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, chain + ": Ethereum-family chains are read from a node (bds sync --rpc …), not from block files");
      }

      @Override
      public NodeSource node(NodeSettings settings) {
        return EthRpcBlockSource.open(settings, profile, net, decoded);
      }

      @Override
      public Reconciler reconciler(NodeSettings settings) {
        return EthReconciler.open(settings, profile, net);
      }

      @Override
      public java.util.Optional<BdsMessages> bdsMessages() {
        return java.util.Optional.of(bdsMessages);
      }
    };
  }
}
