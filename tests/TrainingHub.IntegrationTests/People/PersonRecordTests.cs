using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Catalog;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Reports;

namespace TrainingHub.IntegrationTests.People;

/// <summary>A wrong name, CPF or organisation corrected on screen and by API: audited, in reports at once, in certificates after a reissue.</summary>
public sealed class PersonRecordTests(string provider) : CatalogFixture(provider)
{
    private sealed record Arranged(int Person, int Programme, int Class, int Organization, int OtherOrganization);

    /// <summary>A person of a state agency who completed a class of a programme owned by it, with 180 credited minutes and a certificate.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var code = NewCode("REC");
        var (org, other) = await App.WithDbAsync(async db =>
        {
            var ids = await db.Organizations.Where(o => o.Kind == OrganizationKind.StateAgency).OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync();
            return (ids[0], ids[1]);
        });
        var arranged = await App.WithDbAsync(async db =>
        {
            var programme = new Programme { Code = code, Name = "Programa " + code, OwnerOrganizationId = org, CreatedAt = now };
            var klass = new CourseClass
            {
                Code = code,
                Title = "Turma " + code,
                Course = new Course { Code = code, Title = "Curso " + code, Programme = programme, WorkloadMinutes = 180 },
                Programme = programme,
                StartsOn = DateOnly.FromDateTime(now.AddDays(-20)),
                EndsOn = DateOnly.FromDateTime(now.AddDays(-5)),
                Status = OfferingStatus.Published,
                CreatedAt = now,
            };
            var session = new Session { Title = "Encontro", StartsAt = now.AddDays(-10), EndsAt = now.AddDays(-10).AddHours(3), CreditedMinutes = 180, Status = SessionStatus.Closed };
            klass.Sessions.Add(session);
            var person = new Person { Cpf = Data.NewCpf(), FullName = "Maria Sousa " + code, Email = $"maria.{Guid.NewGuid():N}@example.gov.br", OrganizationId = org, CreatedAt = now };
            db.Offerings.Add(klass);
            db.People.Add(person);
            db.Enrolments.Add(new Core.Enrolment.Enrolment { Offering = klass, Person = person, Status = EnrolmentStatus.Completed, RequestedAt = now.AddDays(-30), CompletedAt = now.AddDays(-5) });
            db.AttendanceRecords.Add(new AttendanceRecord { Session = session, Person = person, Status = AttendanceStatus.Present, Minutes = 180, Source = AttendanceSource.Roster, RecordedAt = now.AddDays(-10) });
            await db.SaveChangesAsync();
            return new Arranged(person.Id, programme.Id, klass.Id, org, other);
        });
        var issued = await App.WithDbAsync(db => IssueCertificates.HandleAsync(db, App.Clock, App.Services.GetRequiredService<IssueSettings>(), arranged.Class, CancellationToken.None));
        issued.Issued.ShouldBe(1);
        return arranged;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Test]
    public async Task An_administrator_corrects_a_persons_name_cpf_email_organisation_and_manager_by_api_and_the_correction_shows_in_reports_and_after_reissue_in_the_certificate()
    {
        var a = await ArrangeAsync();
        using var api = await AdminApiAsync();
        var before = await JsonAsync(await api.GetAsync(new Uri($"/api/v1/people/{a.Person}", UriKind.Relative)));
        var oldCpf = await App.WithDbAsync(db => db.People.Where(p => p.Id == a.Person).Select(p => p.Cpf).SingleAsync());
        before.GetProperty("cpf").GetString().ShouldBe(Cpf.Format(oldCpf));
        var certificate = before.GetProperty("certificates").EnumerateArray().Single();
        certificate.GetProperty("nameChanged").GetBoolean().ShouldBeFalse();
        before.GetProperty("hours").GetProperty("creditedMinutesAllTime").GetInt32().ShouldBe(180);

        // Refused: every bad field named, nothing changed.
        var someoneElse = (await Arrange.PeopleAsync(App, 1))[0];
        var takenCpf = await App.WithDbAsync(db => db.People.Where(p => p.Id == someoneElse).Select(p => p.Cpf).SingleAsync());
        var bad = await api.PutAsJsonAsync($"/api/v1/people/{a.Person}", new { fullName = " ", cpf = "123.456.789-00", email = "not an address", organizationId = a.Organization, managerId = a.Person });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        problem.EnumerateObject().Select(p => p.Name).ShouldBe(["FullName", "Cpf", "Email", "ManagerId"], ignoreOrder: true);
        var duplicate = await api.PutAsJsonAsync($"/api/v1/people/{a.Person}", new { fullName = "X", cpf = takenCpf, email = "x@example.gov.br", organizationId = a.Organization });
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain("Cpf");
        (await App.WithDbAsync(db => db.People.Where(p => p.Id == a.Person).Select(p => p.Cpf).SingleAsync())).ShouldBe(oldCpf);

        // Corrected.
        var newCpf = Data.NewCpf();
        var newName = "Maria de Souza Lima " + a.Person.ToString(CultureInfo.InvariantCulture);
        var ok = await api.PutAsJsonAsync($"/api/v1/people/{a.Person}", new
        {
            fullName = newName,
            cpf = Cpf.Format(newCpf),
            email = "maria.lima@example.gov.br",
            organizationId = a.OtherOrganization,
            managerId = someoneElse,
        });
        ok.StatusCode.ShouldBe(HttpStatusCode.NoContent, await ok.Content.ReadAsStringAsync());
        var saved = await App.WithDbAsync(db => db.People.Where(p => p.Id == a.Person).Select(p => new { p.FullName, p.Cpf, p.Email, p.OrganizationId, p.ManagerId }).SingleAsync());
        saved.ShouldBe(new { FullName = newName, Cpf = newCpf, Email = "maria.lima@example.gov.br", OrganizationId = a.OtherOrganization, ManagerId = (int?)someoneElse });
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Person) && e.EntityId == a.Person.ToString(CultureInfo.InvariantCulture) && e.Action == "Modified")
            .Select(e => new { e.BeforeJson, e.AfterJson }).ToListAsync());
        audit.ShouldContain(e => e.BeforeJson!.Contains(oldCpf) && e.AfterJson!.Contains(newCpf) && e.AfterJson.Contains(newName));

        // Reports read the corrected record.
        var csv = ReportFiles.ParseCsv(await (await api.GetAsync(new Uri($"/api/v1/reports/HoursByPerson/export.csv?programmeId={a.Programme}&from=2020-01-01&to=2029-12-31&culture=en", UriKind.Relative))).Content.ReadAsByteArrayAsync());
        csv.Skip(1).SkipLast(1).Single()[0].ShouldBe(newName);

        // The certificate still prints the old name until it is reissued.
        var after = await JsonAsync(await api.GetAsync(new Uri($"/api/v1/people/{a.Person}", UriKind.Relative)));
        var stale = after.GetProperty("certificates").EnumerateArray().Single();
        stale.GetProperty("nameChanged").GetBoolean().ShouldBeTrue();
        stale.GetProperty("printedName").GetString().ShouldStartWith("Maria Sousa");
        var reissue = await api.PostAsJsonAsync($"/api/v1/certificates/{stale.GetProperty("id").GetInt32()}/reissue", new { reason = "Nome corrigido" });
        reissue.StatusCode.ShouldBe(HttpStatusCode.OK, await reissue.Content.ReadAsStringAsync());
        var reissued = await JsonAsync(await api.GetAsync(new Uri($"/api/v1/people/{a.Person}", UriKind.Relative)));
        var certificates = reissued.GetProperty("certificates").EnumerateArray().ToList();
        certificates.Count.ShouldBe(2);
        certificates.Select(c => c.GetProperty("printedName").GetString()).ShouldContain(newName);
        certificates.ShouldAllBe(c => !c.GetProperty("nameChanged").GetBoolean());
    }

    [Test]
    public async Task A_person_outside_the_administrators_scope_is_neither_shown_nor_changed_and_auditors_may_not_edit()
    {
        var a = await ArrangeAsync();
        var cityHall = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.CityHall).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        using var scoped = await ApiAsync(await NewAccountAsync(Roles.Administrator, cityHall));
        (await scoped.GetAsync(new Uri($"/api/v1/people/{a.Person}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await scoped.PutAsJsonAsync($"/api/v1/people/{a.Person}", new { fullName = "Tomado", email = "t@example.gov.br", organizationId = cityHall })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var auditor = await ApiAsync(await NewAccountAsync(Roles.Auditor));
        (await auditor.PutAsJsonAsync($"/api/v1/people/{a.Person}", new { fullName = "Tomado", email = "t@example.gov.br", organizationId = a.Organization })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.WithDbAsync(db => db.People.Where(p => p.Id == a.Person).Select(p => p.FullName).SingleAsync())).ShouldStartWith("Maria Sousa");
    }

    [Test]
    public async Task An_administrator_opens_the_person_page_from_the_people_list_and_corrects_the_name_on_screen()
    {
        var a = await ArrangeAsync();
        var name = await App.WithDbAsync(db => db.People.Where(p => p.Id == a.Person).Select(p => p.FullName).SingleAsync());
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, list) = await browser.GetPageAsync("/people?search=" + Uri.EscapeDataString(name));
        list.QuerySelector("[data-testid=people] tbody a")!.GetAttribute("href").ShouldBe($"/people/{a.Person}");
        var (status, page) = await browser.GetPageAsync($"/people/{a.Person}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=person-name]")!.TextContent.ShouldBe(name);
        page.QuerySelectorAll("[data-testid=reissue]").ShouldBeEmpty();

        var refused = await browser.SubmitAsync($"/people/{a.Person}/edit", $"/people/{a.Person}/edit", new Dictionary<string, string?>
        {
            ["Form.FullName"] = name,
            ["Form.Cpf"] = "111.111.111-11",
            ["Form.Email"] = "maria@example.gov.br",
            ["Form.OrganizationId"] = a.Organization.ToString(CultureInfo.InvariantCulture),
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Browser.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-testid=errors]")!.TextContent.ShouldContain("111.111.111-11");

        var corrected = "Maria Souza " + a.Person.ToString(CultureInfo.InvariantCulture);
        var saved = await browser.SubmitAsync($"/people/{a.Person}/edit", $"/people/{a.Person}/edit", new Dictionary<string, string?>
        {
            ["Form.FullName"] = corrected,
            ["Form.Cpf"] = "",
            ["Form.Email"] = "maria@example.gov.br",
            ["Form.OrganizationId"] = a.Organization.ToString(CultureInfo.InvariantCulture),
            ["manager"] = "",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (_, page) = await browser.GetPageAsync($"/people/{a.Person}");
        page.QuerySelector("[data-testid=person-name]")!.TextContent.ShouldBe(corrected);
        page.QuerySelector("[data-testid=name-changed]")!.TextContent.ShouldContain(name);
        page.QuerySelectorAll("[data-testid=reissue]").Length.ShouldBe(1);
    }
}
