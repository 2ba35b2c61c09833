package io.abmsequencer.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.abmsequencer.worker.TemporalConfiguration;
import io.temporal.common.converter.CodecDataConverter;
import org.junit.jupiter.api.Test;

/** Names, e-mails and phones never reach Temporal in clear by accident. */
class PayloadKeyRequiredTest {

  @Test
  void withoutAKeyTheWorkerAndTheStarterRefuseToStartUnlessPlaintextIsOnPurpose() {
    assertThatThrownBy(() -> new TemporalConfiguration().mainDataConverter(new CodecSettings(null, null, null, false)))
        .hasMessageContaining("No payload key (abm.codec.key, ABM_CODEC_KEY)")
        .hasMessageContaining("stored in clear in Temporal")
        .hasMessageContaining("abm.codec.plaintext=true");
    assertThatThrownBy(() -> new TemporalConfiguration().mainDataConverter(new CodecSettings(" ", null, null, false)))
        .hasMessageContaining("No payload key");

    assertThat(new TemporalConfiguration().mainDataConverter(new CodecSettings(null, null, null, true)))
        .isNotInstanceOf(CodecDataConverter.class);
    assertThat(new TemporalConfiguration().mainDataConverter(
            new CodecSettings("ZmF1bHQtcmlnLWNvZGVjLWtleS0zMi1ieXRlcy0wMDA=", null, null, false)))
        .isInstanceOf(CodecDataConverter.class);
  }
}
