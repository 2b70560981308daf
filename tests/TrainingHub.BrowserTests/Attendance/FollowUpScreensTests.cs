using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.BrowserTests.Attendance;

/// <summary>The meeting-report import preview, the trainee's justification upload, the review queue and the at-risk list, in both languages.</summary>
[NonParallelizable]
public sealed class FollowUpScreensTests : BrowserTest
{
    private static async Task<T> WithDbAsync<T>(Func<TrainingHubDbContext, Task<T>> work)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>());
    }

    private static Task<int> PersonOfAsync(DemoUser user) =>
        WithDbAsync(db => db.Users.Where(u => u.Email == user.Email).Select(u => u.PersonId!.Value).SingleAsync());

    /// <summary>A class the demo instructor teaches, with at least three seated people, and its sessions.</summary>
    private static async Task<(int OfferingId, List<int> Sessions)> InstructorClassAsync()
    {
        var instructor = await PersonOfAsync(DemoUser.Instructor);
        return await WithDbAsync(async db =>
        {
            var offering = await db.OfferingInstructors.Where(i => i.PersonId == instructor)
                .Select(i => i.OfferingId)
                .Where(o => db.Enrolments.Count(e => e.OfferingId == o && EnrolmentStatuses.Seated.Contains(e.Status)) >= 3
                    && db.Sessions.Count(s => s.OfferingId == o && s.Status != Core.Catalog.SessionStatus.Cancelled) >= 2)
                .OrderBy(o => o).FirstAsync();
            var sessions = await db.Sessions.Where(s => s.OfferingId == offering && s.Status != Core.Catalog.SessionStatus.Cancelled)
                .OrderBy(s => s.StartsAt).Select(s => s.Id).ToListAsync();
            return (offering, sessions);
        });
    }

    [Test]
    public async Task The_instructor_previews_a_meeting_report_with_matched_unmatched_and_ambiguous_lines()
    {
        var (offering, sessions) = await InstructorClassAsync();
        var session = sessions[^1];
        var (starts, people) = await WithDbAsync(async db => (
            await db.Sessions.Where(s => s.Id == session).Select(s => s.StartsAt).SingleAsync(),
            await db.Enrolments.Where(e => e.OfferingId == offering && EnrolmentStatuses.Seated.Contains(e.Status)).OrderBy(e => e.PersonId)
                .Select(e => new { e.Person!.FullName, e.Person.Email, e.Person.Cpf }).Take(3).ToListAsync()));
        var t0 = SaoPaulo.ToLocal(starts);
        string At(int minutes) => t0.AddMinutes(minutes).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        var csv = "nome;email;entrada;saida;cpf\n"
            + $"{people[0].FullName};{people[0].Email};{At(-5)};{At(40)};\n"
            + $"{people[0].FullName};{people[0].Email};{At(30)};{At(75)};\n"
            + $"{people[1].FullName};{people[1].Email};{At(0)};{At(600)};{people[1].Cpf}\n"
            + $"Convidada;;{At(0)};{At(60)};\n"
            + $"Mistura;{people[1].Email};{At(0)};{At(60)};{people[2].Cpf}\n";

        await OpenHomeAsAsync(DemoUser.Instructor);
        foreach (var lang in DemoUser.Languages)
        {
            await UseLanguageAsync(lang);
            await Page.GotoAsync($"/sessions/{session}/roster");
            await Page.GetByTestId("meeting-import-link").ClickAsync();
            await Page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "relatorio.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
            await Page.GetByTestId("upload").ClickAsync();
            await Expect(Page.GetByTestId("matched")).ToBeVisibleAsync();
            await Expect(Page.GetByTestId("matched").Locator("tr[data-person]")).ToHaveCountAsync(2);
            await Expect(Page.GetByTestId("unmatched").Locator("tr[data-line]")).ToHaveCountAsync(1);
            await Expect(Page.GetByTestId("ambiguous").Locator("tr[data-line]")).ToHaveCountAsync(1);
            await Expect(Page.GetByTestId("commit")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(Page, DemoUser.Instructor.Key, "meeting-import-preview", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }
    }

    [Test]
    public async Task The_trainee_sends_a_justification_and_the_instructor_reviews_it()
    {
        var (offering, sessions) = await InstructorClassAsync();
        var trainee = await PersonOfAsync(DemoUser.Trainee);
        // The demo trainee holds a seat in the class and was absent from its first two sessions (one per language).
        await WithDbAsync(async db =>
        {
            if (!await db.Enrolments.AnyAsync(e => e.OfferingId == offering && e.PersonId == trainee))
            {
                db.Enrolments.Add(new Core.Enrolment.Enrolment { OfferingId = offering, PersonId = trainee, Status = EnrolmentStatus.Confirmed, RequestedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow });
            }

            foreach (var s in sessions.Take(2))
            {
                var row = await db.AttendanceRecords.FirstOrDefaultAsync(a => a.SessionId == s && a.PersonId == trainee);
                if (row is null)
                {
                    db.AttendanceRecords.Add(new AttendanceRecord { SessionId = s, PersonId = trainee, Status = AttendanceStatus.Absent, RecordedAt = DateTime.UtcNow });
                }
                else
                {
                    (row.Status, row.Minutes) = (AttendanceStatus.Absent, null);
                }
            }

            return await db.SaveChangesAsync();
        });

        await OpenHomeAsAsync(DemoUser.Trainee);
        for (var i = 0; i < DemoUser.Languages.Count; i++)
        {
            var lang = DemoUser.Languages[i];
            await UseLanguageAsync(lang);
            await Page.GotoAsync("/hours");
            // The link sits in the class's session list (a closed <details>): it is there; follow it.
            await Expect(Page.Locator($"a[data-testid=justify-link][href='/attendance/justify/{sessions[i]}']")).ToHaveCountAsync(1);
            await Page.GotoAsync($"/attendance/justify/{sessions[i]}");
            await Page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "atestado.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
            await Page.Locator("#note").FillAsync(lang == "en" ? "Doctor's appointment" : "Consulta médica");
            await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "justification-upload", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
            await Page.GetByTestId("send-justification").ClickAsync();
            await Expect(Page.GetByTestId("my-justifications").Locator("[data-status=Pending]")).ToBeVisibleAsync();
        }

        await OpenHomeAsAsync(DemoUser.Instructor);
        foreach (var lang in DemoUser.Languages)
        {
            await UseLanguageAsync(lang);
            await Page.Locator("[data-nav=justifications]").First.ClickAsync();
            await Expect(Page.GetByTestId("justifications")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(Page, DemoUser.Instructor.Key, "justification-queue", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }

        var first = Page.GetByTestId("justifications").Locator("li[data-justification]").First;
        await first.GetByTestId("accept").ClickAsync();
        await Expect(Page.Locator(".alert").First).ToBeVisibleAsync();
    }

    [Test]
    public async Task The_administrator_sees_who_is_at_risk()
    {
        var (offering, _) = await InstructorClassAsync();
        await WithDbAsync(async db =>
        {
            var enrolments = await db.Enrolments.Where(e => e.OfferingId == offering && e.Status == EnrolmentStatus.Confirmed).OrderBy(e => e.Id).Take(2)
                .Select(e => new { e.Id, e.PersonId }).ToListAsync();
            foreach (var (e, condition) in new[] { (enrolments[0], AtRiskCondition.CannotReachMinimum), (enrolments[0], AtRiskCondition.ConsecutiveAbsences), (enrolments[1], AtRiskCondition.ConsecutiveAbsences) })
            {
                if (!await db.AtRiskFlags.AnyAsync(f => f.EnrolmentId == e.Id && f.Condition == condition))
                {
                    db.AtRiskFlags.Add(new AtRiskFlag
                    {
                        EnrolmentId = e.Id,
                        OfferingId = offering,
                        PersonId = e.PersonId,
                        Condition = condition,
                        Detail = condition == AtRiskCondition.CannotReachMinimum ? "possible=540;needed=810;planned=1080;min=75" : "sessions=1,2",
                        RaisedAt = DateTime.UtcNow,
                    });
                }
            }

            return await db.SaveChangesAsync();
        });

        await OpenHomeAsAsync(DemoUser.Administrator);
        foreach (var lang in DemoUser.Languages)
        {
            await UseLanguageAsync(lang);
            await Page.GotoAsync("/");
            await Page.GetByTestId("at-risk-link").ClickAsync();
            await Expect(Page.GetByTestId("at-risk").Locator("tr[data-flag]").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "at-risk", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }
    }
}
