package dev.gauntlet.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Codes of distinct texts in order of first appearance, looked up by a slice of a char buffer so
 * that a repeated value costs no String (a million-row column of a few levels makes a few Strings).
 */
final class LevelIndex {
  private final List<String> levels = new ArrayList<>();
  private int[] slots = new int[64]; // code + 1; 0 = empty
  private int[] hashes = new int[64];

  int size() {
    return levels.size();
  }

  List<String> levels() {
    return levels;
  }

  /** The code of the text, added when new. */
  int code(char[] buf, int off, int len) {
    int h = 0;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + buf[i];
    }
    int mask = slots.length - 1;
    int at = mix(h) & mask;
    while (true) {
      int s = slots[at];
      if (s == 0) {
        break;
      }
      if (hashes[at] == h && equal(levels.get(s - 1), buf, off, len)) {
        return s - 1;
      }
      at = (at + 1) & mask;
    }
    int code = levels.size();
    levels.add(new String(buf, off, len));
    slots[at] = code + 1;
    hashes[at] = h;
    if (2 * levels.size() > slots.length) {
      grow();
    }
    return code;
  }

  /** The code of a String, added when new. */
  int code(String text) {
    return code(text.toCharArray(), 0, text.length());
  }

  private static boolean equal(String s, char[] buf, int off, int len) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16) ^ (h >>> 7);
  }

  private void grow() {
    int[] oldSlots = slots;
    int[] oldHashes = hashes;
    slots = new int[oldSlots.length * 2];
    hashes = new int[oldSlots.length * 2];
    int mask = slots.length - 1;
    for (int k = 0; k < oldSlots.length; k++) {
      if (oldSlots[k] != 0) {
        int at = mix(oldHashes[k]) & mask;
        while (slots[at] != 0) {
          at = (at + 1) & mask;
        }
        slots[at] = oldSlots[k];
        hashes[at] = oldHashes[k];
      }
    }
    Arrays.fill(oldSlots, 0);
  }
}
