package org.openbds.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class PostgresUrlTest {
  @Test
  void parsesTheLibpqForm() {
    assertThat(PostgresUrl.parse("postgresql://bds:secret@db.example.org:6543/chains"))
        .isEqualTo(new PostgresUrl("bds", Optional.of("secret"), "db.example.org", 6543, "chains", Optional.empty()));
  }

  @Test
  void acceptsTheJdbcAndShortPrefixesAndDefaultsThePort() {
    PostgresUrl expected = new PostgresUrl("u", Optional.of("p"), "localhost", 5432, "d", Optional.empty());
    assertThat(PostgresUrl.parse("jdbc:postgresql://u:p@localhost/d")).isEqualTo(expected);
    assertThat(PostgresUrl.parse("postgres://u:p@localhost:5432/d")).isEqualTo(expected);
    assertThat(PostgresUrl.parse("  postgresql://u:p@localhost/d\n")).isEqualTo(expected);
  }

  @Test
  void decodesPercentEscapesAndTakesTheLastAtAsTheEndOfTheUser() {
    PostgresUrl url = PostgresUrl.parse("postgresql://us%40er:p%3Aa%2Fss%25w+rd@10.0.0.1:1/my%20db");
    assertThat(url.user()).isEqualTo("us@er");
    assertThat(url.password()).contains("p:a/ss%w+rd");
    assertThat(url.database()).isEqualTo("my db");
    assertThat(PostgresUrl.parse("postgresql://u:p@ss@h/d").password()).contains("p@ss");
    assertThat(PostgresUrl.parse("postgresql://u:caf%C3%A9@h/d").password()).contains("café");
  }

  @Test
  void aUserWithoutPasswordAndAnIpv6Host() {
    PostgresUrl url = PostgresUrl.parse("postgresql://reader@[::1]:5433/chains?sslmode=require");
    assertThat(url).isEqualTo(new PostgresUrl("reader", Optional.empty(), "::1", 5433, "chains", Optional.of("require")));
    assertThat(url.toString()).isEqualTo("postgresql://reader@[::1]:5433/chains?sslmode=require");
  }

  @Test
  void printsWithoutThePasswordAndRoundTripsWithIt() {
    PostgresUrl url = PostgresUrl.parse("postgresql://bds:s%40cret:x@127.0.0.1:5999/openbds");
    assertThat(url.toString()).isEqualTo("postgresql://bds@127.0.0.1:5999/openbds").doesNotContain("cret");
    assertThat(url.withPassword()).isEqualTo("postgresql://bds:s%40cret%3ax@127.0.0.1:5999/openbds");
    assertThat(PostgresUrl.parse(url.withPassword())).isEqualTo(url);
  }

  @Test
  void aBadUrlSaysWhatIsWrongWithoutThePassword() {
    assertInvalid("mysql://u:secretpw@h/d", "starts with postgresql://");
    assertInvalid("postgresql://h:5432/d", "names no user");
    assertInvalid("postgresql://:secretpw@h/d", "names no user");
    assertInvalid("postgresql://u:secretpw@h:5432", "names no database");
    assertInvalid("postgresql://u:secretpw@h:5432/", "names no database");
    assertInvalid("postgresql://u:secretpw@:5432/d", "names no host");
    assertInvalid("postgresql://u:secretpw@h:port/d", "port must be a number from 1 to 65535, not 'port'");
    assertInvalid("postgresql://u:secretpw@h:70000/d", "not 70000");
    assertInvalid("postgresql://u:secretpw@[::1/d", "no closing ']'");
    assertInvalid("postgresql://u:secretpw%zz@h/d", "password has a '%' that is not followed by two hex digits");
    assertInvalid("postgresql://u:secretpw@h/d?currentSchema=x", "the parameter 'currentSchema'");
    assertInvalid("postgresql://u:secretpw@h/d?sslmode=always", "sslmode must be one of allow, disable, prefer, require, verify-ca, verify-full");
  }

  private static void assertInvalid(String url, String message) {
    assertThatThrownBy(() -> PostgresUrl.parse(url))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretpw"));
  }
}
