package dev.keystone.it.hostile;

/** Percent-encoding for hostile values, including what no well-behaved client would send. */
final class Urls {

  private Urls() {}

  /**
   * Every byte outside the unreserved set percent-encoded, as UTF-8; an unpaired surrogate as the
   * three bytes a careless encoder produces for it (ED A0 80 for U+D800), which are not UTF-8.
   */
  static String encode(String s) {
    var out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
        continue;
      }
      int cp = c;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(c, s.charAt(++i));
      }
      for (byte b : utf8(cp)) {
        out.append('%').append("%02X".formatted(b & 0xff));
      }
    }
    return out.toString();
  }

  /** UTF-8 of a code point; a lone surrogate (U+D800..DFFF) encoded like any other BMP unit. */
  static byte[] utf8(int cp) {
    if (cp < 0x80) {
      return new byte[] {(byte) cp};
    }
    if (cp < 0x800) {
      return new byte[] {(byte) (0xC0 | cp >> 6), (byte) (0x80 | cp & 0x3F)};
    }
    if (cp < 0x10000) {
      return new byte[] {
        (byte) (0xE0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)
      };
    }
    return new byte[] {
      (byte) (0xF0 | cp >> 18), (byte) (0x80 | cp >> 12 & 0x3F),
      (byte) (0x80 | cp >> 6 & 0x3F), (byte) (0x80 | cp & 0x3F)
    };
  }

  /** A string as it goes on the wire in a request head: UTF-8, lone surrogates included. */
  static byte[] wire(String s) {
    var out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      int cp = s.charAt(i);
      if (Character.isHighSurrogate(s.charAt(i))
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(s.charAt(i), s.charAt(++i));
      }
      out.writeBytes(utf8(cp));
    }
    return out.toByteArray();
  }
}
