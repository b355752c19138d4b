package dev.supportdesk.escalation.security;

import java.security.SecureRandom;

/** Strong random passwords that satisfy Camunda's default password policy. */
public final class Passwords {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String DIGITS = "23456789";
  private static final String SPECIAL = "-_.!+*";
  private static final String ALL = UPPER + LOWER + DIGITS + SPECIAL;
  static final int LENGTH = 20;

  private Passwords() {}

  /** 20 characters, at least one of each class the default policy asks for. */
  public static String generate() {
    char[] chars = new char[LENGTH];
    chars[0] = pick(UPPER);
    chars[1] = pick(LOWER);
    chars[2] = pick(DIGITS);
    chars[3] = pick(SPECIAL);
    for (int i = 4; i < LENGTH; i++) {
      chars[i] = pick(ALL);
    }
    for (int i = LENGTH - 1; i > 0; i--) {
      int j = RANDOM.nextInt(i + 1);
      char swap = chars[i];
      chars[i] = chars[j];
      chars[j] = swap;
    }
    return new String(chars);
  }

  private static char pick(String alphabet) {
    return alphabet.charAt(RANDOM.nextInt(alphabet.length()));
  }
}
