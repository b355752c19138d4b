package dev.supportdesk.escalation.intake;

import dev.supportdesk.escalation.security.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies of the customer API before anything reads them: {@value #MAX_JSON_BYTES}
 * bytes for JSON (the largest valid case is far smaller), {@value #MAX_MULTIPART_BYTES} for an
 * upload. A declared length over the limit is refused at once with 413; a chunked body is cut off
 * when it passes the limit. JSON is UTF-8 (RFC 8259): a body declared in another charset is refused
 * with 415 before a decoder guesses at it.
 */
public class ApiRequestLimits extends OncePerRequestFilter {

  public static final long MAX_JSON_BYTES = 512 * 1024;
  static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
  public static final long MAX_MULTIPART_BYTES = AttachmentPolicy.MAX_BYTES + 1024 * 1024;

  /** Thrown while reading a chunked body that passes the limit. */
  public static class BodyTooLargeException extends IOException {
    BodyTooLargeException(long limit) {
      super("The request body must be at most " + limit / 1024 + " KB");
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean multipart = request.getContentType() != null
        && request.getContentType().toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    // the declared charset as sent: Boot's CharacterEncodingFilter has already forced the request's to UTF-8
    Matcher declared = CHARSET.matcher(request.getHeader("Content-Type") == null ? "" : request.getHeader("Content-Type"));
    String charset = declared.find() ? declared.group(1) : null;
    if (!multipart && charset != null && !charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
      ProblemResponses.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Unsupported charset",
          "Send the body as UTF-8.");
      return;
    }
    long limit = multipart ? MAX_MULTIPART_BYTES : MAX_JSON_BYTES;
    long length = request.getContentLengthLong();
    if (length > limit) {
      ProblemResponses.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Payload too large",
          "The request body must be at most " + limit / 1024 + " KB.");
      return;
    }
    chain.doFilter(multipart ? request : new Limited(request, limit), response);
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
              throw new BodyTooLargeException(limit);
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
