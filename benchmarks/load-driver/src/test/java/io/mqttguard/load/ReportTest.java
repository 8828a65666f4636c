package io.mqttguard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Target BASE = Target.plain("base", "baseline", ReportTest::noBroker);
  private static final Target OURS = Target.plain("ours", "guarded", ReportTest::noBroker);

  private static RunningBroker noBroker(java.nio.file.Path home) {
    throw new UnsupportedOperationException("the report needs no broker");
  }

  private static Result result(
      String target, int round, double rate, double p50, double cpuMicrosPerMessage) {
    long delivered = Math.round(rate * 2);
    return new Result(
        target,
        round,
        0,
        delivered,
        2.0,
        p50,
        p50 * 3,
        p50 * 9,
        0,
        0,
        0,
        0,
        1.0,
        delivered * cpuMicrosPerMessage,
        "");
  }

  @Test
  void medianRatio_isTakenOverPerRoundRatios_notOverRawRates() {
    // Round 1: 50 %, round 2: 90 %, round 3: 80 %; the median of the ratios is 80 %, while the
    // ratio of median rates would be 90,000 / 100,000 = 90 %. Broker capacity (base CPU per
    // message / ours): 50 %, 80 %, 100 %: median 80 %.
    List<Result> results =
        List.of(
            result("base", 1, 200_000, 100, 10),
            result("ours", 1, 100_000, 200, 20),
            result("base", 2, 100_000, 100, 10),
            result("ours", 2, 90_000, 150, 12.5),
            result("base", 3, 50_000, 100, 10),
            result("ours", 3, 40_000, 120, 10));

    String md = Report.markdown(List.of(BASE, OURS), results);

    assertThat(md).contains("| ours | 0 | 80.0 % | 1.50× | 1.50× | 80.0 % | 3 |");
    assertThat(md).contains("| 12.50 |");
    assertThat(md).contains("| 1 | 0 | ours | 100000 | 50.0 % |");
  }

  @Test
  void cpuMeter_countsBrokerThreads_notTheLoadGeneratorOrClientLibrary() {
    assertThat(CpuMeter.isClient("load-pub-3")).isTrue();
    assertThat(CpuMeter.isClient("com.hivemq.client.mqtt-1-2")).isTrue();
    assertThat(CpuMeter.isClient("RxComputationThreadPool-1")).isTrue();
    assertThat(CpuMeter.isClient("hivemq-eventloop-child-0")).isFalse();
    assertThat(CpuMeter.isClient("extension-task-executor-1")).isFalse();
    assertThat(new CpuMeter().brokerNanos()).isGreaterThanOrEqualTo(-1);
  }

  @Test
  void median_ofEvenCount_isTheMeanOfTheMiddleTwo() {
    assertThat(LoadMain.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(LoadMain.median(List.of())).isNaN();
  }
}
