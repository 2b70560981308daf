using TrainingHub.Core.Certificates;
using TrainingHub.Core.Certificates.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Notifications;

namespace TrainingHub.UnitTests.Certificates;

public sealed class CertificateEmailTests
{
    private static CertificateIssued Message(bool reissue) => new("Inês Brandão", "Gestão de Riscos", "GR-1", 450, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 27),
        "7KQ2-M9XD-4TRB-Z0HC-PW3F", "https://traininghub.test/verify/7KQ2-M9XD-4TRB-Z0HC-PW3F", reissue);

    [Test]
    public async Task The_issued_certificate_email_states_course_hours_dates_and_code_in_both_languages()
    {
        var pt = await EmailRenderer.Shared.RenderAsync(Message(false), Languages.Portuguese);
        pt.Subject.ShouldBe("Seu certificado: Gestão de Riscos");
        pt.Text.ShouldContain("Carga horária: 7 h 30");
        pt.Text.ShouldContain("Período: 02/03/2026 – 27/03/2026");
        pt.Text.ShouldContain("Código de verificação: 7KQ2-M9XD-4TRB-Z0HC-PW3F");
        pt.Text.ShouldContain("Verificar: https://traininghub.test/verify/7KQ2-M9XD-4TRB-Z0HC-PW3F");
        pt.Html.ShouldContain("https://traininghub.test/verify/7KQ2-M9XD-4TRB-Z0HC-PW3F");
        var en = await EmailRenderer.Shared.RenderAsync(Message(true), Languages.English);
        en.Subject.ShouldBe("Corrected certificate: Gestão de Riscos");
        en.Text.ShouldContain("Workload: 7h 30m");
        en.Text.ShouldContain("superseded");
        Message(false).Attachments.ShouldBe([new OutboxAttachment(AttachmentKinds.Certificate, "7KQ2-M9XD-4TRB-Z0HC-PW3F")]);
    }
}
