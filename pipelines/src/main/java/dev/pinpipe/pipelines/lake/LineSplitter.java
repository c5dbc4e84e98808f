package dev.pinpipe.pipelines.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines as TextIO does: a line ends at {@code \n}, {@code \r\n} or
 * {@code \r}, and a last line without an ending still counts. A UTF-8 byte-order mark at the
 * start is dropped. A line keeps at most {@code maxBytes} bytes in memory; a longer one comes out
 * with its true length and only its first {@code keptOfLong} bytes.
 */
final class LineSplitter {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** One line: its bytes (cut short when {@code length} is over the bound) and its length. */
  static final class Line {
    final byte[] bytes;
    final long length;

    Line(byte[] bytes, long length) {
      this.bytes = bytes;
      this.length = length;
    }
  }

  private final InputStream in;
  private final int maxBytes;
  private final int keptOfLong;
  private final byte[] chunk = new byte[1 << 16];
  private int position;
  private int limit;
  private boolean started;
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();

  LineSplitter(InputStream in, int maxBytes, int keptOfLong) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.keptOfLong = keptOfLong;
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    if (!started) {
      started = true;
      if (fill(BOM.length) && Arrays.equals(Arrays.copyOfRange(chunk, position, position + BOM.length), BOM)) {
        position += BOM.length;
      }
    }
    current.reset();
    long length = 0;
    while (true) {
      if (position == limit && !fill(1)) {
        return length == 0 ? null : line(length);
      }
      int end = position;
      while (end < limit && chunk[end] != '\n' && chunk[end] != '\r') {
        end++;
      }
      int kept = (int) Math.max(0, Math.min(end - position, maxBytes - length));
      current.write(chunk, position, kept);
      length += end - position;
      position = end;
      if (end < limit) {
        byte ending = chunk[position++];
        if (ending == '\r' && (position < limit || fill(1)) && chunk[position] == '\n') {
          position++;
        }
        return line(length);
      }
    }
  }

  private Line line(long length) {
    byte[] bytes = current.toByteArray();
    return new Line(length > maxBytes ? Arrays.copyOf(bytes, Math.min(keptOfLong, bytes.length)) : bytes, length);
  }

  /** Makes at least {@code count} unread bytes available if the stream has them; false if not. */
  private boolean fill(int count) throws IOException {
    if (limit - position >= count) {
      return true;
    }
    System.arraycopy(chunk, position, chunk, 0, limit - position);
    limit -= position;
    position = 0;
    while (limit < count) {
      int read = in.read(chunk, limit, chunk.length - limit);
      if (read < 0) {
        return false;
      }
      limit += read;
    }
    return true;
  }
}
