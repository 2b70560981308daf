using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Catalog;

public sealed class CatalogFormsTests(string provider) : CatalogFixture(provider)
{
    [Test]
    public async Task An_administrator_creates_a_programme_a_course_and_a_class_through_the_forms()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var owner = await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var programmeCode = NewCode("PF");
        var created = await browser.SubmitAsync("/programmes/new", "/programmes/new", new Dictionary<string, string?>
        {
            ["Form.Code"] = programmeCode,
            ["Form.Name"] = "Rede de Estratégia",
            ["Form.Description"] = "Rede de representantes",
            ["Form.OwnerOrganizationId"] = Id(owner),
            ["Form.TargetHours"] = "7,5",
            ["Form.TargetPeriod"] = "Year",
            ["Form.StartsOn"] = "2026-01-01",
            ["Form.EndsOn"] = "2026-12-31",
            ["Form.IsActive"] = "true",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var programme = await App.WithDbAsync(db => db.Programmes.AsNoTracking().SingleAsync(p => p.Code == programmeCode));
        programme.TargetMinutes.ShouldBe(450);
        programme.OwnerOrganizationId.ShouldBe(owner);
        programme.IsActive.ShouldBeTrue();
        created.Headers.Location!.ToString().ShouldBe($"/programmes/{programme.Id}");
        var (status, page) = await browser.GetPageAsync($"/programmes/{programme.Id}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldContain("Rede de Estratégia");
        page.Body!.TextContent.ShouldContain("7 h 30");

        var courseCode = NewCode("CF");
        (await browser.SubmitAsync($"/courses/new?programmeId={programme.Id}", "/courses/new", new Dictionary<string, string?>
        {
            ["Form.Code"] = courseCode,
            ["Form.Title"] = "Gestão de Projetos",
            ["Form.ProgrammeId"] = Id(programme.Id),
            ["Form.Syllabus"] = "Escopo\nCronograma",
            ["Form.WorkloadHours"] = "40",
            ["Form.Modality"] = "Hybrid",
            ["Form.MinAttendancePercent"] = "",
            ["Form.RequiredHours"] = "",
            ["Form.IsActive"] = "true",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var course = await App.WithDbAsync(db => db.Courses.AsNoTracking().SingleAsync(c => c.Code == courseCode));
        course.WorkloadMinutes.ShouldBe(2400);
        course.MinAttendancePercent.ShouldBe(75, "the default");
        course.Modality.ShouldBe(Modality.Hybrid);
        course.Syllabus.ShouldBe("Escopo\nCronograma");

        var classCode = NewCode("TF");
        var cityHall = await AnyOrganizationAsync(OrganizationKind.CityHall);
        (await browser.SubmitAsync($"/offerings/new-class?courseId={course.Id}", "/offerings/new-class", new Dictionary<string, string?>
        {
            ["Form.Code"] = classCode,
            ["Form.Title"] = "Turma 1",
            ["Form.StartsOn"] = "2026-04-06",
            ["Form.EndsOn"] = "2026-04-30",
            ["Form.Seats"] = "",
            ["Form.Status"] = "Published",
            ["Form.EnrolmentOpensAt"] = "2026-03-01T08:00",
            ["Form.EnrolmentClosesAt"] = "2026-03-31T18:00",
            ["Form.ApprovalRequired"] = "true",
            ["Form.Eligibility"] = "Organizations",
            ["Form.Organizations[0].OrganizationId"] = Id(cityHall),
            ["Form.Organizations[0].SeatQuota"] = "5",
            ["Form.Organizations[1].SeatQuota"] = "",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var offering = await App.WithDbAsync(db => db.Classes.AsNoTracking().Include(c => c.EligibilityRules).SingleAsync(c => c.Code == classCode));
        offering.Seats.ShouldBeNull("empty means unlimited");
        offering.ProgrammeId.ShouldBe(programme.Id, "a class belongs to its course's programme");
        offering.EnrolmentOpensAt.ShouldBe(new DateTime(2026, 3, 1, 11, 0, 0, DateTimeKind.Utc), "São Paulo time stored as UTC");
        offering.ApprovalRequired.ShouldBeTrue();
        offering.Eligibility.ShouldBe(Eligibility.Organizations);
        offering.EligibilityRules.Single().OrganizationId.ShouldBe(cityHall);
        offering.EligibilityRules.Single().SeatQuota.ShouldBe(5);

        var (classStatus, classPage) = await browser.GetPageAsync($"/offerings/{offering.Id}");
        classStatus.ShouldBe(HttpStatusCode.OK);
        classPage.Body!.TextContent.ShouldContain("01/03/2026 08:00");
    }

    [Test]
    public async Task Invalid_programme_and_course_inputs_are_named_by_field_and_nothing_is_saved()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var before = await App.WithDbAsync(db => db.Programmes.CountAsync());
        var response = await browser.SubmitAsync("/programmes/new", "/programmes/new", new Dictionary<string, string?>
        {
            ["Form.Code"] = NewCode("PX"),
            ["Form.Name"] = "",
            ["Form.OwnerOrganizationId"] = "",
            ["Form.TargetHours"] = "quarenta",
            ["Form.StartsOn"] = "2026-12-31",
            ["Form.EndsOn"] = "2026-01-01",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = Browser.Parse(await response.Content.ReadAsStringAsync());
        html.QuerySelector("[data-valmsg-for='Form.Name']")!.TextContent.ShouldContain("Informe o nome do programa");
        html.QuerySelector("[data-valmsg-for='Form.OwnerOrganizationId']")!.TextContent.ShouldContain("Escolha na lista o órgão");
        html.QuerySelector("[data-valmsg-for='Form.TargetHours']")!.TextContent.ShouldContain("\"quarenta\" não é um número de horas");
        html.QuerySelector("[data-valmsg-for='Form.EndsOn']")!.TextContent.ShouldContain("anterior à de início");
        ((AngleSharp.Html.Dom.IHtmlInputElement)html.QuerySelector("#Form_TargetHours")!).Value.ShouldBe("quarenta", "what the person typed is kept");
        (await App.WithDbAsync(db => db.Programmes.CountAsync())).ShouldBe(before);

        var courses = await App.WithDbAsync(db => db.Courses.CountAsync());
        var bad = await browser.SubmitAsync("/courses/new", "/courses/new", new Dictionary<string, string?>
        {
            ["Form.Code"] = "",
            ["Form.Title"] = "Sem código",
            ["Form.WorkloadHours"] = "0",
            ["Form.MinAttendancePercent"] = "120",
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = Browser.Parse(await bad.Content.ReadAsStringAsync());
        page.QuerySelector("[data-valmsg-for='Form.Code']")!.TextContent.ShouldContain("Informe um código");
        page.QuerySelector("[data-valmsg-for='Form.WorkloadHours']")!.TextContent.ShouldContain("não é um número de horas");
        page.QuerySelector("[data-valmsg-for='Form.MinAttendancePercent']")!.TextContent.ShouldContain("de 0 a 100");
        (await App.WithDbAsync(db => db.Courses.CountAsync())).ShouldBe(courses);
    }

    [Test]
    public async Task A_class_code_in_use_is_refused_in_english_through_the_api()
    {
        using var api = await AdminApiAsync();
        var (_, course, klass) = await NewClassAsync(api);
        var code = await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == klass).Select(o => o.Code).SingleAsync());
        var response = await api.PostAsJsonAsync("/api/v1/classes?culture=en", new { courseId = course, code, title = "Outra", startsOn = "2026-05-01", endsOn = "2026-04-01", seats = -1 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.GetProperty("Code")[0].GetString().ShouldBe($"The code \"{code}\" is already in use: choose another.");
        errors.GetProperty("EndsOn")[0].GetString()!.ShouldContain("before the start date");
        errors.GetProperty("Seats")[0].GetString()!.ShouldContain("cannot be negative");
    }
}
