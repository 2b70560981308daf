using System.Text.Json;
using TrainingHub.Core.Common;
using TrainingHub.Core.Notifications;

namespace TrainingHub.UnitTests.Certificates;

public sealed class CertificateEmailTests
{
    private static string Payload(bool reissue) => JsonSerializer.Serialize(new
    {
        person = "Inês Brandão",
        course = "Gestão de Riscos",
        offeringCode = "GR-1",
        workloadMinutes = 450,
        startsOn = "2026-03-02",
        endsOn = "2026-03-27",
        code = "7KQ2-M9XD-4TRB-Z0HC-PW3F",
        verificationUrl = "https://traininghub.test/verify/7KQ2-M9XD-4TRB-Z0HC-PW3F",
        reissue,
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    [Test]
    public void The_issued_certificate_email_states_course_hours_dates_and_code_in_both_languages()
    {
        var pt = EmailTemplates.Render("CertificateIssued", Payload(false), Languages.Portuguese)!;
        pt.Subject.ShouldBe("Seu certificado: Gestão de Riscos");
        pt.Text.ShouldContain("Carga horária: 7,5 h");
        pt.Text.ShouldContain("Período: 02/03/2026 – 27/03/2026");
        pt.Text.ShouldContain("Código de verificação: 7KQ2-M9XD-4TRB-Z0HC-PW3F");
        pt.Html.ShouldContain("https://traininghub.test/verify/7KQ2-M9XD-4TRB-Z0HC-PW3F");
        var en = EmailTemplates.Render("CertificateIssued", Payload(true), Languages.English)!;
        en.Subject.ShouldBe("Corrected certificate: Gestão de Riscos");
        en.Text.ShouldContain("Workload: 7.5 h");
        en.Text.ShouldContain("superseded");
    }
}
