using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Catalog;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Reports;

namespace TrainingHub.IntegrationTests.Participation;

/// <summary>
/// Organisations taking part in a programme: the coordinators' figures out of the reports on the demo data, a
/// participation's history and audit through the API, and the programme-owner scope.
/// </summary>
public sealed class ParticipationTests(string provider) : CatalogFixture(provider)
{
    // Columns of the over-time report: programme, state, month, invited, presented, implementing, live, withdrawn, presented so far, organisations.
    private const int Implementing = 5, Live = 6, PresentedSoFar = 8;

    private Task<int> ProgrammeAsync(string code) => App.WithDbAsync(db => db.Programmes.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    [Test]
    public async Task The_onboarding_coordinators_figures_come_out_of_the_report_and_its_csv()
    {
        var programme = await ProgrammeAsync("SEI-MUNICIPIOS");
        using var api = await AdminApiAsync();
        var year = SaoPaulo.Today(App.Clock).Year;

        var now = ReportFiles.ParseCsv(await api.GetByteArrayAsync($"/api/v1/reports/ParticipationOverTime/export.csv?programmeId={programme}&culture=en"));
        var latest = now[^1];
        int.Parse(latest[PresentedSoFar], CultureInfo.InvariantCulture).ShouldBe(204, string.Join(" | ", latest));
        int.Parse(latest[Live], CultureInfo.InvariantCulture).ShouldBe(12);
        int.Parse(latest[Implementing], CultureInfo.InvariantCulture).ShouldBe(9);

        // The year before tells the story: in January every city hall was only invited; by December the figures were reached.
        var before = ReportFiles.ParseCsv(await api.GetByteArrayAsync(
            $"/api/v1/reports/ParticipationOverTime/export.csv?programmeId={programme}&from={year - 1}-01-01&to={year - 1}-12-31&culture=en"));
        before.Count.ShouldBe(13, "a header and twelve months");
        before[1][PresentedSoFar].ShouldBe("0");
        before[1][3].ShouldBe("204", "invited in January");
        before[12][PresentedSoFar].ShouldBe("204");
        before[12][Live].ShouldBe("12");
    }

    [Test]
    public async Task The_webinar_programmes_phase_3_municipalities_come_out_of_the_report_and_the_list()
    {
        var programme = await ProgrammeAsync("MUNICIPALISMO-ATIVO");
        using var api = await AdminApiAsync();
        var rows = ReportFiles.ParseCsv(await api.GetByteArrayAsync($"/api/v1/reports/ParticipationByState/export.csv?programmeId={programme}&culture=en"));
        var phase3 = rows.Single(r => r[1] == "3" && r[2] == "MG");
        phase3[^1].ShouldBe("52");
        rows.Single(r => r[1] == "2" && r[2] == "MG")[^1].ShouldBe("27");

        var list = await JsonAsync(await api.GetAsync(new Uri($"/api/v1/programmes/{programme}/participants?stage=3&pageSize=10", UriKind.Relative)), HttpStatusCode.OK);
        list.GetProperty("totalCount").GetInt32().ShouldBe(52);
        list.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("stage").GetInt32() == 3);
    }

    [Test]
    public async Task An_administrator_adds_an_organisation_and_moves_it_on_keeping_the_history_audited()
    {
        using var api = await AdminApiAsync();
        var (programme, _, _) = await NewClassAsync(api);
        var cityHall = await AnyOrganizationAsync(OrganizationKind.CityHall, skip: 3);
        var focal = await App.WithDbAsync(async db =>
        {
            var person = new Person
            {
                Cpf = Data.NewCpf(),
                FullName = "Ponto Focal " + Guid.NewGuid().ToString("N")[..6],
                Email = $"focal.{Guid.NewGuid():N}@example.gov.br",
                OrganizationId = cityHall,
                CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Email;
        });
        var today = SaoPaulo.Today(App.Clock);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var url = $"/api/v1/programmes/{programme}/participants";
        var unknown = await JsonAsync(await api.PostAsJsonAsync(url, new { organizationId = cityHall, status = "Invited", focalPoints = "nobody@example.gov.br" }), HttpStatusCode.BadRequest);
        unknown.GetRawText().ShouldContain("nobody@example.gov.br");
        var id = await CreatedIdAsync(await api.PostAsJsonAsync(url, new { organizationId = cityHall, status = "Invited", statusSince = Day(-30), focalPoints = focal.ToUpperInvariant() }));
        await JsonAsync(await api.PostAsJsonAsync(url, new { organizationId = cityHall, status = "Invited" }), HttpStatusCode.Conflict);

        var update = new { organizationId = cityHall, status = "Presented", stage = 1, statusSince = Day(-10), focalPoints = focal, agreementNumber = "ACT 1/2026", agreementSignedOn = Day(-10), agreementValidUntil = Day(700), agreementUrl = "https://example.gov.br/act-1.pdf" };
        await JsonAsync(await api.PutAsJsonAsync($"{url}/{id}", update), HttpStatusCode.NoContent);
        var future = await JsonAsync(await api.PutAsJsonAsync($"{url}/{id}", new { organizationId = cityHall, status = "Live", statusSince = Day(1) }), HttpStatusCode.BadRequest);
        future.GetRawText().ShouldContain("statusSince", Case.Insensitive);
        await JsonAsync(await api.PutAsJsonAsync($"{url}/{id}", new { organizationId = cityHall, status = "Live", statusSince = Day(-20) }), HttpStatusCode.BadRequest);
        await JsonAsync(await api.PutAsJsonAsync($"{url}/{id}", new { organizationId = cityHall, status = "Presented", stage = 1, agreementValidUntil = Day(-20), agreementSignedOn = Day(-10) }), HttpStatusCode.BadRequest);

        var detail = await JsonAsync(await api.GetAsync(new Uri($"{url}/{id}", UriKind.Relative)), HttpStatusCode.OK);
        detail.GetProperty("status").GetString().ShouldBe("Presented");
        detail.GetProperty("statusSince").GetString().ShouldBe(Day(-10));
        detail.GetProperty("agreementNumber").GetString().ShouldBe("ACT 1/2026");
        detail.GetProperty("focalPoints").EnumerateArray().Select(f => f.GetProperty("email").GetString()).ShouldBe([focal]);
        var history = detail.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("status").GetString(), h.GetProperty("effectiveOn").GetString())).ToList();
        history.ShouldBe([("Presented", Day(-10)), ("Invited", Day(-30))]);

        var audited = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "ProgrammeParticipation" && e.EntityId == id.ToString(CultureInfo.InvariantCulture))
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        audited.ShouldBe(["Added", "Modified"]);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "ParticipationChange"))).ShouldBeGreaterThanOrEqualTo(2);
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();

        // The report counts it from the day each step took effect.
        var report = ReportFiles.ParseCsv(await api.GetByteArrayAsync($"/api/v1/reports/ParticipationByState/export.csv?programmeId={programme}&culture=en"));
        report.Count.ShouldBe(3, "a header, one row and the totals");
        report[1][4].ShouldBe("1", "presented");
    }

    [Test]
    public async Task The_programme_owners_scope_sees_the_participations_others_do_not_and_auditors_only_read()
    {
        var programme = await ProgrammeAsync("SEI-MUNICIPIOS");
        var owner = await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.OwnerOrganizationId).SingleAsync());
        var cityHall = await App.WithDbAsync(db => db.ProgrammeParticipations.Where(p => p.ProgrammeId == programme).Select(p => p.OrganizationId).FirstAsync());
        using var ownerAuditor = await ApiAsync(await NewAccountAsync(Roles.Auditor, owner));
        using var cityAdmin = await ApiAsync(await NewAccountAsync(Roles.Administrator, cityHall));
        var url = $"/api/v1/programmes/{programme}/participants";

        var seen = await JsonAsync(await ownerAuditor.GetAsync(new Uri(url + "?status=Implementing", UriKind.Relative)), HttpStatusCode.OK);
        seen.GetProperty("totalCount").GetInt32().ShouldBe(9);
        var first = seen.GetProperty("items")[0].GetProperty("id").GetInt32();
        (await ownerAuditor.PostAsJsonAsync(url, new { organizationId = owner, status = "Invited" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await cityAdmin.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cityAdmin.GetAsync(new Uri($"{url}/{first}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await cityAdmin.PutAsJsonAsync($"{url}/{first}", new { organizationId = cityHall, status = "Live" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var report = ReportFiles.ParseCsv(await cityAdmin.GetByteArrayAsync($"/api/v1/reports/ParticipationByState/export.csv?programmeId={programme}&culture=en"));
        report.Count.ShouldBeLessThanOrEqualTo(2, "a header and at most an empty totals line: the programme is not the city hall's");
    }
}
