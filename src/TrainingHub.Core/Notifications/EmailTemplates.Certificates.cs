using System.Globalization;

namespace TrainingHub.Core.Notifications;

/// <summary>Certificate emails: the issued (or reissued) certificate, its PDF attached.</summary>
public static partial class EmailTemplates
{
    private static EmailContent CertificateIssued(EmailPayload p, bool en)
    {
        var minutes = p.Int("workloadMinutes") ?? 0;
        var hours = minutes % 60 == 0
            ? (minutes / 60).ToString(CultureInfo.InvariantCulture)
            : (minutes / 60.0).ToString("0.#", CultureInfo.GetCultureInfo(en ? "en" : "pt-BR"));
        var reissue = p.Text("reissue") == "true";
        var facts = new List<(string, string)>
        {
            (en ? "Course" : "Curso", $"{p.Text("course")} ({p.Text("offeringCode")})"),
            (en ? "Workload" : "Carga horária", $"{hours} h"),
            (en ? "Dates" : "Período", $"{p.Date("startsOn")} – {p.Date("endsOn")}"),
            (en ? "Verification code" : "Código de verificação", p.Text("code")),
        };
        return en
            ? new(reissue ? $"Corrected certificate: {p.Text("course")}" : $"Your certificate: {p.Text("course")}",
                reissue ? "Your certificate was reissued" : "Your certificate is ready",
                [$"Hello, {p.Text("person")}.",
                    reissue
                        ? $"Your certificate for {p.Text("course")} was corrected and reissued; the new PDF is attached. The previous one is now marked as superseded."
                        : $"Congratulations on completing {p.Text("course")}. Your certificate is attached as a PDF, and you can download it again under My certificates.",
                    "Anyone can check it with the verification code."],
                facts, "Verify", p.Text("verificationUrl"))
            : new(reissue ? $"Certificado corrigido: {p.Text("course")}" : $"Seu certificado: {p.Text("course")}",
                reissue ? "Seu certificado foi reemitido" : "Seu certificado está pronto",
                [$"Olá, {p.Text("person")}.",
                    reissue
                        ? $"Seu certificado de {p.Text("course")} foi corrigido e reemitido; o novo PDF segue anexo. O anterior agora consta como substituído."
                        : $"Parabéns pela conclusão de {p.Text("course")}. Seu certificado segue anexo em PDF e pode ser baixado de novo em Meus certificados.",
                    "Qualquer pessoa pode conferi-lo com o código de verificação."],
                facts, "Verificar", p.Text("verificationUrl"));
    }
}
