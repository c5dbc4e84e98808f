package dev.pinpipe.pipelines.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaStorageTest {
  @TempDir Path tmp;

  @Test
  void runsCheckingOneRootAtOnceDoNotFailEachOther() throws Exception {
    DeltaStorage storage = DeltaStorage.local(tmp.toString());
    ExecutorService runs = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> checks = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        checks.add(runs.submit(storage::requireWritable));
      }
      for (Future<?> check : checks) {
        check.get(); // a spurious "cannot write there" fails here
      }
    } finally {
      runs.shutdownNow();
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(0, left.count(), "the checks leave nothing behind");
    }
  }
}
