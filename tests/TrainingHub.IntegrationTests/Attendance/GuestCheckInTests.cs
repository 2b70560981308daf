using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>
/// Open events: a guest without an account checks in on the public page with the code shown on screen, CPF, name,
/// e-mail and organisation; one person per CPF (also at once), one attendance per session, an invitation when they
/// have no account, the same answer whether the CPF was known, rate limits, antiforgery, audit and the roster.
/// </summary>
public sealed class GuestCheckInTests(string provider) : OnBothDatabases(provider)
{
    // Rate limits count every submission of this app's one test address: a database of its own.
    protected override string? Isolation => "guests";

    private const string Page = "/checkin/guest";

    private async Task<(CheckInSession Session, HttpClient Instructor, string Code)> OpenEventAsync()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1, webinar: true);
        var instructor = await App.ApiClientAsync(s.InstructorEmail);
        (await instructor.PutAsJsonAsync($"/api/v1/sessions/{s.SessionId}/open-event", new { open = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await CheckInKit.OpenAsync(instructor, s.SessionId);
        return (s, instructor, await CheckInKit.CodeAsync(instructor, s.SessionId));
    }

    private Task<int> OrganizationAsync() =>
        App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.CityHall && o.IsActive).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());

    private static Dictionary<string, string?> Fields(string code, string cpf, string name, string email, int organizationId) => new()
    {
        ["Code"] = code,
        ["Cpf"] = cpf,
        ["FullName"] = name,
        ["Email"] = email,
        ["OrganizationId"] = organizationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<(HttpStatusCode Status, IHtmlDocument Html, HttpResponseMessage Response)> SubmitAsync(int sessionId, IDictionary<string, string?> fields)
    {
        using var browser = NewBrowser();
        var response = await browser.SubmitAsync($"{Page}?s={sessionId}", Page, fields);
        return (response.StatusCode, Browser.Parse(await response.Content.ReadAsStringAsync()), response);
    }

    private static string? Result(IHtmlDocument html) => html.QuerySelector("[data-testid=guest-result]")?.GetAttribute("data-already");

    private Task<List<AttendanceRecord>> RowsAsync(int sessionId) =>
        App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == sessionId).ToListAsync());

    private Task<int> InvitationsAsync(int personId) =>
        App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientPersonId == personId && m.MessageType == "AccountInvitation"));

    [Test]
    public async Task A_guest_without_an_account_checks_in_once_is_created_once_and_invited_to_create_an_account()
    {
        var (s, instructor, code) = await OpenEventAsync();
        using var owned = instructor;
        var org = await OrganizationAsync();
        var cpf = Data.NewCpf();
        var email = $"convidada.{Guid.NewGuid():N}@prefeitura.example.gov.br";

        // The page the QR code opens: the session named, the code filled in, the organisations to choose from.
        using (var browser = NewBrowser())
        {
            var (status, html) = await browser.GetPageAsync($"{Page}?s={s.SessionId}&code={code}");
            status.ShouldBe(HttpStatusCode.OK);
            html.QuerySelector("[data-testid=guest-target]")!.TextContent.ShouldContain("Webinário de hoje");
            ((IHtmlInputElement)html.QuerySelector("[data-testid=guest-code]")!).Value.ShouldBe(code);
            html.QuerySelectorAll("#OrganizationId option").Select(o => o.GetAttribute("value")).ShouldContain(org.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var (first, html1, _) = await SubmitAsync(s.SessionId, Fields(code, Core.Common.Cpf.Format(cpf), "Maria Convidada da Silva", email, org));
        first.ShouldBe(HttpStatusCode.OK, html1.Body!.TextContent);
        Result(html1).ShouldBe("false");

        var person = await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Cpf == cpf));
        person.ShouldSatisfyAllConditions(
            p => p.FullName.ShouldBe("Maria Convidada da Silva"), p => p.Email.ShouldBe(email), p => p.OrganizationId.ShouldBe(org));
        var row = (await RowsAsync(s.SessionId)).ShouldHaveSingleItem();
        row.ShouldSatisfyAllConditions(
            r => r.PersonId.ShouldBe(person.Id), r => r.Status.ShouldBe(AttendanceStatus.Present), r => r.Source.ShouldBe(AttendanceSource.CheckIn),
            r => r.CheckedInAt.ShouldNotBeNull());
        (await InvitationsAsync(person.Id)).ShouldBe(1);
        (await App.WithDbAsync(db => db.Invitations.Where(i => i.PersonId == person.Id).Select(i => i.Source).SingleAsync())).ShouldBe(InvitationSource.OpenEvent);

        // Again with the same CPF (and other details): already recorded, nothing duplicated or overwritten, no second invitation.
        var (second, html2, _) = await SubmitAsync(s.SessionId, Fields(code, cpf, "Outro Nome", "outro@example.gov.br", org));
        second.ShouldBe(HttpStatusCode.OK);
        Result(html2).ShouldBe("true");
        (await RowsAsync(s.SessionId)).Count.ShouldBe(1);
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(1);
        (await App.WithDbAsync(db => db.People.Where(p => p.Cpf == cpf).Select(p => p.FullName).SingleAsync())).ShouldBe("Maria Convidada da Silva");
        (await InvitationsAsync(person.Id)).ShouldBe(1);

        // Audited: the attendance row and one guest check-in entry naming the person, never the CPF.
        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => (e.EntityType == nameof(AttendanceRecord) && e.EntityId == row.Id.ToString()) || (e.Action == GuestCheckIn.Action && e.EntityId == person.Id.ToString()))
            .OrderBy(e => e.Id).ToListAsync());
        entries.Select(e => e.Action).ShouldBe(["Added", GuestCheckIn.Action], ignoreOrder: true);
        entries.ShouldAllBe(e => e.Reason == GuestCheckIn.Reason);
        entries.ShouldAllBe(e => !(e.AfterJson ?? "").Contains(cpf));
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();

        // The roster lists the guest apart from the seated people, read-only.
        var roster = await instructor.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{s.SessionId}/roster");
        roster.GetProperty("openEvent").GetBoolean().ShouldBeTrue();
        roster.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("personId").GetInt32()).ShouldBe(s.People);
        var guest = roster.GetProperty("guests").EnumerateArray().ShouldHaveSingleItem();
        guest.GetProperty("personId").GetInt32().ShouldBe(person.Id);
        guest.GetProperty("status").GetString().ShouldBe("Present");
    }

    [Test]
    public async Task A_known_cpf_keeps_its_details_gets_the_same_answer_and_is_invited_only_without_an_account()
    {
        var (s, instructor, code) = await OpenEventAsync();
        using var owned = instructor;
        var org = await OrganizationAsync();
        var known = (await Arrange.PeopleAsync(App, 2)).ToArray();
        var people = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => known.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync());
        await AttendanceKit.AccountAsync(App, Roles.Trainee, known[1]);
        var unknownCpf = Data.NewCpf();

        var answers = new List<string>();
        foreach (var (cpf, name) in new[] { (people[0].Cpf, "Nome Digitado"), (people[1].Cpf, "Outro Nome Digitado"), (unknownCpf, "Pessoa Nova") })
        {
            var (status, html, _) = await SubmitAsync(s.SessionId, Fields(code, cpf, name, $"digitado.{Guid.NewGuid():N}@example.gov.br", org));
            status.ShouldBe(HttpStatusCode.OK);
            Result(html).ShouldBe("false");
            answers.Add(html.QuerySelector("[data-testid=guest-result]")!.TextContent.Trim());
        }

        // The answer does not tell a known CPF from a new one, nor one with an account from one without.
        answers.Distinct().Count().ShouldBe(1);
        var after = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => known.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync());
        after.Select(p => (p.FullName, p.Email, p.OrganizationId)).ShouldBe(people.Select(p => (p.FullName, p.Email, p.OrganizationId)));

        // Without an account: invited at the e-mail on record, not the one typed. With one: not invited.
        var message = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RecipientPersonId == known[0] && m.MessageType == "AccountInvitation"));
        message.ToAddress.ShouldBe(people[0].Email);
        (await InvitationsAsync(known[1])).ShouldBe(0);
        (await RowsAsync(s.SessionId)).Select(r => r.PersonId).ShouldContain(known[1]);
    }

    [Test]
    public async Task Bad_input_a_wrong_code_and_a_session_that_is_not_open_are_refused_and_write_nothing()
    {
        var (s, instructor, code) = await OpenEventAsync();
        using var owned = instructor;
        var org = await OrganizationAsync();

        var (status, html, _) = await SubmitAsync(s.SessionId, new Dictionary<string, string?> { ["Code"] = code, ["Cpf"] = "123.456.789-00", ["FullName"] = "", ["Email"] = "não é e-mail" });
        status.ShouldBe(HttpStatusCode.BadRequest);
        html.QuerySelector("[data-testid=guest-cpf-error]")!.TextContent.ShouldContain("123.456.789-00");
        html.QuerySelectorAll(".invalid-feedback").Length.ShouldBe(4);

        var cpf = Data.NewCpf();
        (status, html, _) = await SubmitAsync(s.SessionId, Fields(code == "ACDEFH" ? "ACDEFJ" : "ACDEFH", cpf, "Pessoa", "pessoa@example.gov.br", org));
        status.ShouldBe(HttpStatusCode.BadRequest);
        html.QuerySelector("[data-testid=guest-code-error]").ShouldNotBeNull();

        // No longer an open event: the code no longer works here (the seated people still check in as before).
        (await instructor.PutAsJsonAsync($"/api/v1/sessions/{s.SessionId}/open-event", new { open = false })).EnsureSuccessStatusCode();
        (status, html, _) = await SubmitAsync(s.SessionId, Fields(code, cpf, "Pessoa", "pessoa@example.gov.br", org));
        status.ShouldBe(HttpStatusCode.Conflict);
        html.QuerySelector("[data-testid=guest-target]").ShouldBeNull();

        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(0);
        (await RowsAsync(s.SessionId)).ShouldBeEmpty();

        // Without the antiforgery token the form is refused before anything runs.
        using var browser = NewBrowser();
        var bare = await browser.PostAsync($"{Page}?s={s.SessionId}", Fields(code, cpf, "Pessoa", "pessoa@example.gov.br", org));
        bare.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await App.WithDbAsync(db => db.GuestCheckInAttempts.CountAsync(a => a.SessionId == s.SessionId))).ShouldBe(3);
    }

    [Test]
    public async Task Only_instructors_and_administrators_mark_an_open_event_and_a_class_session_cannot_be_one()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        var put = await instructor.PutAsJsonAsync($"/api/v1/sessions/{s.SessionId}/open-event", new { open = true });
        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var trainee = await App.ApiClientAsync(s.Emails[0]);
        (await trainee.PutAsJsonAsync($"/api/v1/sessions/{s.SessionId}/open-event", new { open = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = App.CreateClient();
        (await anonymous.PutAsJsonAsync($"/api/v1/sessions/{s.SessionId}/open-event", new { open = true })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var w = await CheckInKit.SessionAsync(App, people: 1, webinar: true);
        using var other = await App.ApiClientAsync(w.InstructorEmail);
        // Another series' instructor does not find it.
        (await other.PutAsJsonAsync($"/api/v1/sessions/{s.SessionId}/open-event", new { open = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PutAsJsonAsync($"/api/v1/sessions/{w.SessionId}/open-event", new { open = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == SetOpenEvent.Action && e.EntityId == w.SessionId.ToString()))).ShouldBe(1);
    }

    [Test]
    public async Task One_cpf_checking_in_at_once_makes_one_person_and_one_attendance_per_session()
    {
        var (a, i1, codeA) = await OpenEventAsync();
        var (b, i2, codeB) = await OpenEventAsync();
        using var owned1 = i1;
        using var owned2 = i2;
        var org = await OrganizationAsync();
        var cpf = Data.NewCpf();
        var options = new CheckInOptions { GuestPerCpf = 100 };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CallAsync(options, new GuestCheckInRequest(
            i % 2 == 0 ? a.SessionId : b.SessionId, i % 2 == 0 ? codeA : codeB, cpf, $"Concorrente {i}", $"c{i}@example.gov.br", org, $"10.1.0.{i}", "pt-BR"))));
        outcomes.ShouldAllBe(o => o.Succeeded);
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(1);
        var personId = await App.WithDbAsync(db => db.People.Where(p => p.Cpf == cpf).Select(p => p.Id).SingleAsync());
        (await RowsAsync(a.SessionId)).ShouldHaveSingleItem().PersonId.ShouldBe(personId);
        (await RowsAsync(b.SessionId)).ShouldHaveSingleItem().PersonId.ShouldBe(personId);
        outcomes.Count(o => !o.Value!.AlreadyRecorded).ShouldBe(2);
        (await InvitationsAsync(personId)).ShouldBe(1);
    }

    [Test]
    public async Task Too_many_attempts_per_address_per_cpf_or_per_session_wait_and_the_page_says_when()
    {
        var (s, instructor, code) = await OpenEventAsync();
        using var owned = instructor;
        var org = await OrganizationAsync();
        var limits = new CheckInOptions { GuestPerAddress = 3, GuestPerCpf = 2, GuestPerSession = 5, GuestWindowMinutes = 10 };
        GuestCheckInRequest Request(string cpf, string address) => new(s.SessionId, code, cpf, "Pessoa Limitada", "limitada@example.gov.br", org, address, "pt-BR");

        // Per CPF: the third attempt with one CPF waits, from any address.
        var cpf = Data.NewCpf();
        (await CallAsync(limits, Request(cpf, "10.2.0.1"))).Succeeded.ShouldBeTrue();
        (await CallAsync(limits, Request(cpf, "10.2.0.2"))).Value!.AlreadyRecorded.ShouldBeTrue();
        var refused = await CallAsync(limits, Request(cpf, "10.2.0.3"));
        refused.Error!.Kind.ShouldBe(Core.Common.ErrorKind.RateLimited);
        refused.Error.RetryAfter.ShouldBe(TimeSpan.FromMinutes(10));

        // Per address: the fourth attempt from one address waits, whatever the CPF.
        for (var i = 0; i < 3; i++)
        {
            (await CallAsync(limits, Request(Data.NewCpf(), "10.3.0.1"))).Succeeded.ShouldBeTrue();
        }

        (await CallAsync(limits, Request(Data.NewCpf(), "10.3.0.1"))).Error!.Kind.ShouldBe(Core.Common.ErrorKind.RateLimited);

        // Per session: 5 attempts so far (refused ones are not counted); a new address and CPF still wait.
        (await CallAsync(limits, Request(Data.NewCpf(), "10.4.0.1"))).Error!.Kind.ShouldBe(Core.Common.ErrorKind.RateLimited);

        // Once the window has passed, they go through again.
        App.Clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(1)));
        code = await CheckInKit.CodeAsync(instructor, s.SessionId);
        (await CallAsync(limits, Request(Data.NewCpf(), "10.3.0.1"))).Succeeded.ShouldBeTrue();

        // The page: 429 with Retry-After and the message on the form (the default limit per CPF is 5).
        var pageCpf = Data.NewCpf();
        HttpResponseMessage? last = null;
        IHtmlDocument? html = null;
        for (var i = 0; i < 6; i++)
        {
            (_, html, last) = await SubmitAsync(s.SessionId, Fields(code, pageCpf, "Pessoa da Página", "pagina@example.gov.br", org));
        }

        last!.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromMinutes(10));
        html!.QuerySelector("[data-testid=guest-code-error]")!.TextContent.ShouldContain("10");
        var pagePerson = await App.WithDbAsync(db => db.People.Where(p => p.Cpf == pageCpf).Select(p => p.Id).SingleAsync());
        (await RowsAsync(s.SessionId)).Count(r => r.PersonId == pagePerson).ShouldBe(1);
    }

    private async Task<Core.Common.Result<GuestCheckInOutcome>> CallAsync(CheckInOptions options, GuestCheckInRequest request)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var actor = scope.ServiceProvider.GetRequiredService<IAuditActor>();
        return await GuestCheckIn.HandleAsync(db, actor, App.Clock, options, new InvitationSettings(), "https://traininghub.test", request, CancellationToken.None);
    }
}
