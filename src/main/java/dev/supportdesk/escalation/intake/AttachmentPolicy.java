package dev.supportdesk.escalation.intake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * What customers may attach: logs, text, JSON, screenshots, PDFs and zip archives up to
 * {@value #MAX_BYTES} bytes. The file name's extension decides the type; the declared content type
 * must agree (or be the generic {@code application/octet-stream}) and the content must look like it
 * (magic bytes, or UTF-8 text without NUL bytes), so a renamed executable is refused.
 *
 * <p>File names are the customer's: a name that tries to leave its folder (separators, {@code ..},
 * drive letters, control characters) is refused; other characters outside a safe set become {@code _}.
 */
public final class AttachmentPolicy {

  public static final long MAX_BYTES = 10L * 1024 * 1024;
  public static final int MAX_NAME_LENGTH = 200;
  public static final String GENERIC_TYPE = "application/octet-stream";

  /** Extension → the one content type stored and served for it. */
  static final Map<String, String> TYPES = Map.of(
      "txt", "text/plain",
      "log", "text/plain",
      "json", "application/json",
      "png", "image/png",
      "jpg", "image/jpeg",
      "jpeg", "image/jpeg",
      "pdf", "application/pdf",
      "zip", "application/zip");

  /** Accepted declarations besides the canonical one (browsers and curl differ). */
  static final Map<String, java.util.Set<String>> ALIASES = Map.of(
      "application/zip", java.util.Set.of("application/x-zip-compressed", "application/x-zip"),
      "image/jpeg", java.util.Set.of("image/pjpeg"),
      "text/plain", java.util.Set.of("text/x-log"));

  public record Accepted(String fileName, String contentType) {}

  private AttachmentPolicy() {}

  /** The stored name and type of an acceptable file, or an {@link ApiProblem} naming what is wrong. */
  public static Accepted check(String originalName, String declaredType, byte[] content) {
    String name = sanitise(originalName);
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String type = name.contains(".") ? TYPES.get(extension) : null;
    if (type == null) {
      throw ApiProblem.unsupportedMediaType("file",
          "file type not accepted: attach .txt, .log, .json, .png, .jpg, .pdf or .zip files");
    }
    String declared = declaredType == null ? GENERIC_TYPE : baseType(declaredType);
    if (!declared.equals(type) && !declared.equals(GENERIC_TYPE)
        && !ALIASES.getOrDefault(type, java.util.Set.of()).contains(declared)) {
      throw ApiProblem.unsupportedMediaType("file",
          "content type " + declared + " does not match a ." + extension + " file (" + type + ")");
    }
    if (content.length == 0) {
      throw ApiProblem.invalid("file", "must not be empty");
    }
    if (content.length > MAX_BYTES) {
      throw ApiProblem.tooLarge("file", "must be at most " + MAX_BYTES / (1024 * 1024) + " MB");
    }
    if (!looksLike(type, content)) {
      throw ApiProblem.unsupportedMediaType("file", "content is not a valid " + type + " file");
    }
    return new Accepted(name, type);
  }

  /** A safe file name, or {@link ApiProblem} if the name is missing or tries to name a path. */
  static String sanitise(String originalName) {
    if (originalName == null || originalName.isBlank()) {
      throw ApiProblem.invalid("file", "needs a file name");
    }
    String name = Normalizer.normalize(originalName.strip(), Normalizer.Form.NFKC);
    for (char c : name.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        throw ApiProblem.invalid("file", "file name must not contain control characters");
      }
    }
    if (name.contains("/") || name.contains("\\") || name.contains("..") || name.matches("^[A-Za-z]:.*")
        || name.startsWith("~")) {
      throw ApiProblem.invalid("file", "file name must be a plain name, not a path");
    }
    String safe = name.replaceAll("[^A-Za-z0-9._ ()-]", "_").replaceAll("^[.\\s]+", "");
    if (safe.isBlank() || safe.chars().allMatch(ch -> ch == '_' || ch == '.')) {
      throw ApiProblem.invalid("file", "file name has no usable characters");
    }
    if (safe.length() > MAX_NAME_LENGTH) {
      int dot = safe.lastIndexOf('.');
      String ext = dot > 0 ? safe.substring(dot) : "";
      safe = safe.substring(0, MAX_NAME_LENGTH - ext.length()) + ext;
    }
    return safe;
  }

  private static String baseType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  static boolean looksLike(String type, byte[] c) {
    return switch (type) {
      case "image/png" -> startsWith(c, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
      case "image/jpeg" -> startsWith(c, 0xff, 0xd8, 0xff);
      case "application/pdf" -> startsWith(c, '%', 'P', 'D', 'F', '-');
      case "application/zip" -> startsWith(c, 'P', 'K', 3, 4) || startsWith(c, 'P', 'K', 5, 6);
      default -> isUtf8Text(c);
    };
  }

  private static boolean startsWith(byte[] content, int... magic) {
    if (content.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((content[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf8Text(byte[] content) {
    for (byte b : content) {
      if (b == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
