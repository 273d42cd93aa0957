package org.openbds.ethereum.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;

class EthChainProfileTest {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  private static BigInteger ether(String amount) {
    return new java.math.BigDecimal(amount).multiply(new java.math.BigDecimal(ETHER)).toBigIntegerExact();
  }

  @Test
  void ethereumMainnetRewardsFollowTheForks() {
    RewardSchedule r = EthChainProfile.load("eth").network("mainnet").rewards();
    assertThat(r.blockReward(1)).isEqualTo(ether("5"));
    assertThat(r.blockReward(4_369_999)).isEqualTo(ether("5"));
    assertThat(r.blockReward(4_370_000)).isEqualTo(ether("3"));
    assertThat(r.blockReward(7_280_000)).isEqualTo(ether("2"));
    assertThat(r.blockReward(15_537_393)).isEqualTo(ether("2"));
    assertThat(r.blockReward(15_537_394)).isZero();
    // an uncle one block back earns 7/8 of the block reward, seven back 1/8, eight back nothing
    assertThat(r.uncleReward(100, 99)).isEqualTo(ether("4.375"));
    assertThat(r.uncleReward(100, 93)).isEqualTo(ether("0.625"));
    assertThat(r.uncleReward(100, 92)).isZero();
    assertThat(r.nephewReward(100)).isEqualTo(ether("0.15625"));
    assertThat(EthChainProfile.load("eth").network("mainnet").chainIds()).containsExactly(1L);
    assertThat(EthChainProfile.load("eth").network("dev").chainIds()).containsExactlyInAnyOrder(31337L, 1337L);
    assertThat(EthChainProfile.load("eth").network("dev").rewards().blockReward(10)).isZero();
  }

  /** Nobody mined the genesis block: mainnet's {@code trace_block 0} answer holds no reward trace. */
  @Test
  void genesisRewardsNobody() {
    for (String chain : EthChainProfile.CHAINS) {
      for (EthChainProfile.EthNetwork network : EthChainProfile.load(chain).networks().values()) {
        RewardSchedule r = network.rewards();
        assertThat(r.blockReward(0)).as("%s %s", chain, network.name()).isZero();
        assertThat(r.nephewReward(0)).as("%s %s", chain, network.name()).isZero();
      }
    }
    assertThat(EthChainProfile.load("eth").network("sepolia").rewards().blockReward(1)).isEqualTo(ether("2"));
  }

  @Test
  void ethereumClassicRewardsShrinkByAFifthPerEra() {
    RewardSchedule r = EthChainProfile.load("etc").network("mainnet").rewards();
    assertThat(r.blockReward(5_000_000)).isEqualTo(ether("5"));
    assertThat(r.blockReward(5_000_001)).isEqualTo(ether("4"));
    assertThat(r.blockReward(10_000_001)).isEqualTo(ether("3.2"));
    // era 0: distance rule; later eras: 1/32 of the block reward for any uncle
    assertThat(r.uncleReward(1000, 999)).isEqualTo(ether("4.375"));
    assertThat(r.uncleReward(5_000_001, 5_000_000)).isEqualTo(ether("0.125"));
    assertThat(r.uncleReward(5_000_001, 4_999_995)).isEqualTo(ether("0.125"));
    assertThat(EthChainProfile.load("etc").network("mainnet").chainIds()).containsExactly(61L);
  }

  @Test
  void unknownKeysAndBadValuesFailLoading() throws Exception {
    Properties p = new Properties();
    p.load(new StringReader("name=X\nunit=wei\nnetworks=main\nmain.chain_id=5\nmain.rewards=none\nmain.typo=1\n"));
    assertThatThrownBy(() -> EthChainProfile.parse("x", p)).isInstanceOf(BdsException.class).hasMessageContaining("main.typo");
    Properties q = new Properties();
    q.load(new StringReader("name=X\nunit=wei\nnetworks=main\nmain.chain_id=5\nmain.rewards=7:100\n"));
    assertThatThrownBy(() -> EthChainProfile.parse("x", q)).isInstanceOf(BdsException.class).hasMessageContaining("starts at block 0");
    assertThatThrownBy(() -> EthChainProfile.load("nope")).isInstanceOf(BdsException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> EthChainProfile.load("eth").network("ropsten")).hasMessageContaining("ropsten");
  }
}
