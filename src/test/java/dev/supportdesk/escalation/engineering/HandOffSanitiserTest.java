package dev.supportdesk.escalation.engineering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.escalation.engineering.HandOffSanitiser.CaseText;
import dev.supportdesk.escalation.engineering.HandOffSanitiser.HandOff;
import dev.supportdesk.escalation.engineering.HandOffSanitiser.Reporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandOffSanitiserTest {

  private static final Reporter JANE = new Reporter("Jane Doe-Smith", "jane.doe@acme-widgets.example",
      "cust-4711", "Acme Widgets Ltd", "org-acme");

  private final HandOffSanitiser sanitiser = new HandOffSanitiser();

  @Test
  void removesTheReportersNamesFromGreetingAndSignatureInAnyLetterCase() {
    String text = """
        Hi team,

        this is JANE DOE-SMITH from acme widgets ltd. Since Monday the nightly export fails.
        Our admin Bob says Acme Widgets uses the default proxy.

        Kind regards,
        Jane
        Ms. Doe-Smith | Acme Widgets Ltd.""";

    String clean = sanitiser.sanitise(text, JANE);

    assertThat(clean)
        .doesNotContainIgnoringCase("jane")
        .doesNotContainIgnoringCase("doe")
        .doesNotContainIgnoringCase("smith")
        .doesNotContainIgnoringCase("acme")
        .contains("this is [customer] from [organisation]. Since Monday the nightly export fails.")
        .contains("Kind regards,\n[customer]")
        .contains("Bob says [organisation] uses the default proxy");
  }

  @Test
  void removesTheSignatureBlockAfterTheStandardDelimiter() {
    String text = "Export fails with HTTP 500.\n-- \nJ. D.\nHead of Logistics, Building 7, Springfield";

    assertThat(sanitiser.sanitise(text, JANE)).isEqualTo("Export fails with HTTP 500.\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jane.doe@acme-widgets.example",
      "Jane.Doe+support@mail.acme.co.uk",
      "o'brien@example.org",
      "it-ops@sub.domain.example.com",
      "jane.doe [at] acme [dot] com",
      "jane (at) acme.com"})
  void removesEmailAddresses(String address) {
    String clean = sanitiser.sanitise("Please reply to " + address + " or to the helpdesk.", JANE);

    assertThat(clean).isEqualTo("Please reply to " + HandOffSanitiser.EMAIL + " or to the helpdesk.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "+44 20 7946 0958",
      "+1 (555) 123-4567",
      "+49 30 12345678",
      "+33 6 12 34 56 78",
      "0044 20 7946 0958",
      "+4915112345678",
      "(555) 123-4567",
      "555-123-4567",
      "555.123.4567",
      "555 0199 ext. 12",
      "020 7946 0958",
      "06 12 34 56 78",
      "06.12.34.56.78",
      "07700900123",
      "555-0199"})
  void removesPhoneNumbersInInternationalAndLocalFormats(String phone) {
    String clean = sanitiser.sanitise("Call me on " + phone + ", thanks.", JANE);

    assertThat(clean).isEqualTo("Call me on " + HandOffSanitiser.PHONE + ", thanks.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Version 7.24.0 on host 192.168.10.200 since 2026-11-25 10:30:45",
      "Failed at 25.11.2026 with ORA-00942 and exit code 137",
      "order 12345678 of 3 pages, took 1500 ms",
      "at com.acme.export.Job.run(Job.java:1234)",
      "build 2026.11.3 (commit 4f3a2b1)"})
  void keepsDatesVersionsAddressesAndIdsThatAreNotPhoneNumbers(String technical) {
    Reporter nobody = new Reporter(null, null, null, null, null);

    assertThat(sanitiser.sanitise(technical, nobody)).isEqualTo(technical);
  }

  @Test
  void removesCredentialsAndSecretsFromUrlsButKeepsTheHost() {
    String text = "Repro: curl https://admin:S3cr3t!@erp.example.com/api/export?format=csv&api_key=abc123XYZ"
        + " and sftp://svc-backup@files.example.com/in, token=eyJhbGciOi.x";

    String clean = sanitiser.sanitise(text, JANE);

    assertThat(clean)
        .doesNotContain("S3cr3t", "admin:", "abc123XYZ", "svc-backup", "eyJhbGciOi")
        .contains("https://[credentials removed]@erp.example.com/api/export?format=csv&api_key=[secret removed]")
        .contains("sftp://[credentials removed]@files.example.com/in")
        .contains("token=[secret removed]");
  }

  @Test
  void removesCustomerAndOrganisationIdsAndTheKnownEmailAddress() {
    String text = "Customer CUST-4711 of org-acme (login jane.doe@acme-widgets.example) sees it too.";

    assertThat(sanitiser.sanitise(text, JANE))
        .isEqualTo("Customer [customer id] of [organisation id] (login [e-mail removed]) sees it too.");
  }

  @Test
  void neverPassesOnInlineAttachments() {
    String text = "Screenshot: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg== end";

    assertThat(sanitiser.sanitise(text, JANE)).isEqualTo("Screenshot: [attachment removed] end");
  }

  @Test
  void handOffCombinesTheCaseTextIntoSanitisedSections() {
    CaseText text = new CaseText(
        "Export fails for Acme Widgets",
        "Hello, Jane here (+44 20 7946 0958). The nightly export times out.",
        "1. Open Reports\n2. Export 60 pages",
        "java.net.SocketTimeoutException: Read timed out",
        "Windows Server 2022, 7.24.0",
        null,
        "Reproduced on staging with 60 pages; mail jane.doe@acme-widgets.example for data",
        "Export query has no index on report_id",
        "  ");

    HandOff handOff = sanitiser.handOff(text, JANE);

    assertThat(handOff.summary()).isEqualTo("Export fails for [organisation]");
    assertThat(handOff.description())
        .startsWith("## Description\n\nHello, [customer] here ([phone removed]).")
        .contains("## Steps to reproduce\n\n1. Open Reports\n2. Export 60 pages")
        .contains("## Error messages\n\njava.net.SocketTimeoutException: Read timed out")
        .contains("## Environment\n\nWindows Server 2022, 7.24.0")
        .contains("## Tier 2 findings\n\nReproduced on staging with 60 pages; mail [e-mail removed] for data")
        .endsWith("## Root cause\n\nExport query has no index on report_id")
        .doesNotContain("Recent changes", "Workaround");
  }

  @Test
  void keepsTextWhenNothingIsKnownAboutTheReporter() {
    Reporter unknown = new Reporter(" ", null, "", null, null);

    assertThat(sanitiser.sanitise("The export fails", unknown)).isEqualTo("The export fails");
    assertThat(sanitiser.sanitise(null, unknown)).isNull();
  }
}
