using System.Globalization;

namespace TrainingHub.Core.Notifications;

/// <summary>Attendance messages: absence justification decisions and at-risk alerts (to the person and to their manager).</summary>
public static partial class EmailTemplates
{
    private static string Hours(int? minutes, bool en)
    {
        var m = minutes ?? 0;
        return string.Create(CultureInfo.GetCultureInfo(en ? "en" : "pt-BR"), $"{m / 60.0:0.#} h");
    }

    private static List<(string, string)> JustificationFacts(EmailPayload p, bool en)
    {
        var facts = new List<(string, string)>
        {
            (en ? "Class" : "Turma", $"{p.Text("offering")} ({p.Text("offeringCode")})"),
            (en ? "Session" : "Encontro", $"{p.Text("session")} — {p.DateTime("sessionStartsAt")}"),
        };
        if (p.Optional("reason") is { } reason)
        {
            facts.Add((en ? "Reviewer's note" : "Observação de quem avaliou", reason));
        }

        return facts;
    }

    private static EmailContent AbsenceJustificationAccepted(EmailPayload p, bool en) => en
        ? new($"Absence justification accepted: {p.Text("session")}", "Your justification was accepted",
            [Hello(p, en), $"Your justification for missing {p.Text("session")} of {p.Text("offering")} was accepted. The absence is now recorded as excused: it is documented, but, as the rules say, it does not count as hours attended."],
            JustificationFacts(p, en))
        : new($"Justificativa de falta aceita: {p.Text("session")}", "Sua justificativa foi aceita",
            [Hello(p, en), $"Sua justificativa para a falta em {p.Text("session")} da turma {p.Text("offering")} foi aceita. A falta agora consta como justificada: fica documentada, mas, pelas regras, não conta como horas cumpridas."],
            JustificationFacts(p, en));

    private static EmailContent AbsenceJustificationRejected(EmailPayload p, bool en) => en
        ? new($"Absence justification not accepted: {p.Text("session")}", "Your justification was not accepted",
            [Hello(p, en), $"Your justification for missing {p.Text("session")} of {p.Text("offering")} was not accepted, so the absence stays recorded. You may send another document from My hours."],
            JustificationFacts(p, en))
        : new($"Justificativa de falta não aceita: {p.Text("session")}", "Sua justificativa não foi aceita",
            [Hello(p, en), $"Sua justificativa para a falta em {p.Text("session")} da turma {p.Text("offering")} não foi aceita, e a falta continua registrada. Você pode enviar outro documento em Minhas horas."],
            JustificationFacts(p, en));

    private static List<(string, string)> RiskFacts(EmailPayload p, bool en)
    {
        var facts = new List<(string, string)> { (en ? "Class" : "Turma", $"{p.Text("offering")} ({p.Text("offeringCode")})") };
        if (p.Text("condition") == "CannotReachMinimum")
        {
            facts.Add((en ? "Most hours still possible" : "Máximo de horas ainda possível", Hours(p.Int("possibleMinutes"), en)));
            facts.Add((en ? "Needed to complete" : "Necessário para concluir", Hours(p.Int("neededMinutes"), en) + (en ? $" (minimum {p.Int("minPercent")} %)" : $" (mínimo {p.Int("minPercent")} %)")));
        }
        else
        {
            foreach (var s in p.Items("missed"))
            {
                facts.Add((en ? "Missed" : "Faltou", $"{s.Text("title")} — {s.DateTime("startsAt")}"));
            }
        }

        return facts;
    }

    private static EmailContent AttendanceAtRisk(EmailPayload p, bool en)
    {
        var cannot = p.Text("condition") == "CannotReachMinimum";
        return en
            ? new($"Attendance alert: {p.Text("offering")}", cannot ? "You can no longer reach the minimum attendance" : "You missed two sessions in a row",
                [Hello(p, en), cannot
                    ? $"Even attending every remaining session of {p.Text("offering")}, you can no longer reach its minimum attendance, so the class cannot be completed. If an absence should be documented or a record is wrong, talk to the instructor."
                    : $"You missed two sessions in a row of {p.Text("offering")}. If you had a reason, you can send a justification from My hours; talk to the instructor if a record is wrong."],
                RiskFacts(p, en))
            : new($"Alerta de frequência: {p.Text("offering")}", cannot ? "Você não consegue mais atingir a frequência mínima" : "Você faltou a dois encontros seguidos",
                [Hello(p, en), cannot
                    ? $"Mesmo comparecendo a todos os encontros restantes de {p.Text("offering")}, você não consegue mais atingir a frequência mínima, e a turma não poderá ser concluída. Se uma falta precisa ser justificada ou um registro está errado, fale com o instrutor."
                    : $"Você faltou a dois encontros seguidos de {p.Text("offering")}. Se houve um motivo, envie uma justificativa em Minhas horas; fale com o instrutor se um registro estiver errado."],
                RiskFacts(p, en));
    }

    private static EmailContent AttendanceAtRiskManager(EmailPayload p, bool en)
    {
        var cannot = p.Text("condition") == "CannotReachMinimum";
        var hello = en ? $"Hello, {p.Text("recipient")}." : $"Olá, {p.Text("recipient")}.";
        return en
            ? new($"Attendance alert for {p.Text("person")}: {p.Text("offering")}", cannot ? $"{p.Text("person")} can no longer reach the minimum attendance" : $"{p.Text("person")} missed two sessions in a row",
                [hello, cannot
                    ? $"As their manager, we let you know that {p.Text("person")} can no longer reach the minimum attendance of {p.Text("offering")}, even attending every remaining session."
                    : $"As their manager, we let you know that {p.Text("person")} missed two sessions in a row of {p.Text("offering")}."],
                RiskFacts(p, en))
            : new($"Alerta de frequência de {p.Text("person")}: {p.Text("offering")}", cannot ? $"{p.Text("person")} não consegue mais atingir a frequência mínima" : $"{p.Text("person")} faltou a dois encontros seguidos",
                [hello, cannot
                    ? $"Como chefia, informamos que {p.Text("person")} não consegue mais atingir a frequência mínima de {p.Text("offering")}, mesmo comparecendo a todos os encontros restantes."
                    : $"Como chefia, informamos que {p.Text("person")} faltou a dois encontros seguidos de {p.Text("offering")}."],
                RiskFacts(p, en));
    }
}
