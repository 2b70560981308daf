using System.Text.Json;
using TrainingHub.Core.Common;
using TrainingHub.Core.Notifications;

namespace TrainingHub.UnitTests.Notifications;

public sealed class EmailTemplatesTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly object Enrolment = new
    {
        enrolmentId = 7,
        person = "João Conceição",
        offering = "Licitações & Contratos <2026>",
        offeringCode = "LC-01",
        startsOn = new DateOnly(2026, 3, 2),
        endsOn = new DateOnly(2026, 3, 27),
        status = "Waitlisted",
        waitlistPosition = 3,
        offerExpiresAt = new DateTime(2026, 3, 1, 2, 30, 0, DateTimeKind.Utc),
        reason = "Vagas reservadas à Saúde",
    };

    private static IEnumerable<TestCaseData> AllTypes() =>
        from type in EmailTemplates.KnownTypes
        from language in Languages.All
        select new TestCaseData(type, language).SetArgDisplayNames(type, language);

    [TestCaseSource(nameof(AllTypes))]
    public void Every_known_type_renders_html_and_a_complete_text_in_each_language(string type, string language)
    {
        var rendered = EmailTemplates.Render(type, JsonSerializer.Serialize(PayloadFor(type), Json), language).ShouldNotBeNull();
        rendered.Subject.ShouldNotBeNullOrWhiteSpace();
        rendered.Html.ShouldContain($"<html lang=\"{language}\">");
        rendered.Html.ShouldNotContain("<img");
        rendered.Text.ShouldNotContain("</");
        rendered.Text.ShouldNotContain("&amp;");
        rendered.Text.Length.ShouldBeGreaterThan(60);
        // Every fact shown in HTML is in the text too.
        foreach (var line in rendered.Text.Split('\n').Where(l => l.Contains(": ", StringComparison.Ordinal) && !l.StartsWith("http", StringComparison.Ordinal)))
        {
            var value = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            rendered.Html.ShouldContain(value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
        }
    }

    [Test]
    public void Dates_are_shown_in_sao_paulo_time_and_markup_in_data_is_escaped()
    {
        var pt = EmailTemplates.Render("SeatOffered", JsonSerializer.Serialize(Enrolment, Json), Languages.Portuguese)!;
        pt.Subject.ShouldBe("Vaga oferecida: Licitações & Contratos <2026>");
        pt.Text.ShouldContain("Aceite até: 28/02/2026 23:30");
        pt.Text.ShouldContain("Período: 02/03/2026 – 27/03/2026");
        pt.Html.ShouldContain("Licitações &amp; Contratos &lt;2026&gt;");
        pt.Html.ShouldNotContain("<2026>");

        var en = EmailTemplates.Render("EnrolmentRejected", JsonSerializer.Serialize(Enrolment, Json), Languages.English)!;
        en.Subject.ShouldBe("Enrolment not approved: Licitações & Contratos <2026>");
        en.Text.ShouldContain("Reason: Vagas reservadas à Saúde");
    }

    [Test]
    public void Completion_messages_state_the_attendance_against_the_minimum_in_the_reader_language()
    {
        var payload = JsonSerializer.Serialize(new { person = "Ana", offering = "Gestão de Riscos", offeringCode = "GR-1", status = "Failed", reason = "attendance=62;min=75;minutes=450;required=600" }, Json);
        var pt = EmailTemplates.Render("EnrolmentFailed", payload, Languages.Portuguese)!;
        pt.Subject.ShouldBe("Não concluída: Gestão de Riscos");
        pt.Text.ShouldContain("Frequência: 62 % (mínimo 75 %)");
        pt.Text.ShouldContain("Horas cumpridas: 7,5 h (exigidas 10 h)");
        var en = EmailTemplates.Render("EnrolmentCompleted", payload.Replace("Failed", "Completed", StringComparison.Ordinal), Languages.English)!;
        en.Subject.ShouldBe("Completed: Gestão de Riscos");
        en.Text.ShouldContain("Attendance: 62 % (minimum 75 %)");
    }

    [Test]
    public void An_unknown_type_has_no_template() => EmailTemplates.Render("NoSuchMessage", "{}", Languages.Portuguese).ShouldBeNull();

    [Test]
    public void Backoff_doubles_from_one_minute_up_to_the_cap()
    {
        Enumerable.Range(1, 10).Select(a => DispatchOutbox.Backoff(a, 240).TotalMinutes).ShouldBe([1, 2, 4, 8, 16, 32, 64, 128, 240, 240]);
        DispatchOutbox.MessageId("k:1", "x.gov.br").ShouldBe(DispatchOutbox.MessageId("k:1", "x.gov.br"));
        DispatchOutbox.MessageId("k:1", "x.gov.br").ShouldNotBe(DispatchOutbox.MessageId("k:2", "x.gov.br"));
    }

    private static object PayloadFor(string type) => type switch
    {
        "SessionCancelled" => new
        {
            sessionId = 1,
            sessionTitle = "Encontro 2",
            offeringId = 3,
            offeringCode = "LC-01",
            offeringTitle = "Licitações",
            startsAt = "2026-03-10T17:00:00.0000000Z",
            endsAt = "2026-03-10T20:00:00.0000000Z",
            place = "Sala 3",
            streamUrl = (string?)null,
        },
        "OfferingCancelled" => new { offeringId = 3, offeringCode = "LC-01", offeringTitle = "Licitações", startsOn = "2026-03-02", endsOn = "2026-03-27", place = "Sala 3" },
        "SeriesMonthlyProgramme" => new
        {
            seriesId = 4,
            series = "Webinários de Gestão",
            channelUrl = "https://video.example.gov.br",
            year = 2026,
            month = 3,
            sessions = new[] { new { title = "Orçamento público", startsAt = new DateTime(2026, 3, 5, 17, 0, 0, DateTimeKind.Utc), endsAt = new DateTime(2026, 3, 5, 18, 0, 0, DateTimeKind.Utc), creditedMinutes = 60, streamUrl = "https://video.example.gov.br/1", place = (string?)null } },
        },
        "MonthlyReport" => new { subscription = 5, kind = "HoursByOrganization", from = "2026-10-01", to = "2026-10-31", month = "2026-10", attachments = new[] { new { kind = "report", key = "5:2026-10" } } },
        _ => Enrolment,
    };

    [Test]
    public void The_monthly_report_names_the_report_and_the_month_in_the_reader_language()
    {
        var payload = JsonSerializer.Serialize(PayloadFor("MonthlyReport"), Json);
        var pt = EmailTemplates.Render("MonthlyReport", payload, Languages.Portuguese)!;
        pt.Subject.ShouldBe("Relatório mensal: Horas por órgão (outubro 2026)");
        pt.Text.ShouldContain("Período: 01/10/2026 – 31/10/2026");
        var en = EmailTemplates.Render("MonthlyReport", payload, Languages.English)!;
        en.Subject.ShouldBe("Monthly report: Hours by organisation (October 2026)");
    }
}
