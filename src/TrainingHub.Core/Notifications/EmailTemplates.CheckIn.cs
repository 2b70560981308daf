namespace TrainingHub.Core.Notifications;

/// <summary>Live check-in: a webinar's check-in window opened (optional message: people may opt out).</summary>
public static partial class EmailTemplates
{
    private static EmailContent CheckInOpen(EmailPayload p, bool en)
    {
        var confirmation = p.Text("kind") == nameof(Attendance.CheckInKind.Confirmation);
        var facts = new List<(string, string)>
        {
            (en ? "Webinar series" : "Série de webinários", $"{p.Text("series")} ({p.Text("offeringCode")})"),
            (en ? "Session" : "Encontro", p.Text("session")),
            (en ? "Time" : "Horário", $"{p.DateTime("startsAt")} – {p.DateTime("endsAt")}"),
            (en ? "Check-in open until" : "Registro aberto até", p.DateTime("closesAt")),
        };
        var link = p.Optional("checkInUrl");
        return (en, confirmation) switch
        {
            (true, false) => new($"Check-in is open: {p.Text("session")}", "Check-in is open",
                [Hello(p, en), $"Check-in for {p.Text("session")} ({p.Text("series")}) is open until {p.DateTime("closesAt")} (Brasília time). Open the check-in page and type the code shown in the webinar."],
                facts, link is null ? null : "Check in", link),
            (true, true) => new($"Confirm your presence: {p.Text("session")}", "Confirm your presence",
                [Hello(p, en), $"The presence confirmation for {p.Text("session")} ({p.Text("series")}) is open until {p.DateTime("closesAt")} (Brasília time). Type the new code shown in the webinar: with both codes the session counts in full."],
                facts, link is null ? null : "Confirm presence", link),
            (false, false) => new($"Registro de presença aberto: {p.Text("session")}", "O registro de presença está aberto",
                [Hello(p, en), $"O registro de presença de {p.Text("session")} ({p.Text("series")}) está aberto até {p.DateTime("closesAt")} (horário de Brasília). Abra a página de presença e digite o código exibido no webinário."],
                facts, link is null ? null : "Registrar presença", link),
            (false, true) => new($"Confirme sua presença: {p.Text("session")}", "Confirme sua presença",
                [Hello(p, en), $"A confirmação de presença de {p.Text("session")} ({p.Text("series")}) está aberta até {p.DateTime("closesAt")} (horário de Brasília). Digite o novo código exibido no webinário: com os dois códigos o encontro conta por inteiro."],
                facts, link is null ? null : "Confirmar presença", link),
        };
    }
}
