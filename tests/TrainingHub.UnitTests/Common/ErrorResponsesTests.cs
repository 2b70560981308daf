using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrainingHub.Core;
using TrainingHub.Core.Common;
using TrainingHub.Web;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.UnitTests.Common;

/// <summary>The one mapping from a use case's error to an answer, read with the host's own resource files.</summary>
public class ErrorResponsesTests
{
    private static readonly IStringLocalizer T = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private CultureInfo? before;

    [SetUp]
    public void English()
    {
        before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
    }

    [TearDown]
    public void Restore() => CultureInfo.CurrentUICulture = before!;

    [TestCase(ErrorKind.Validation, 400)]
    [TestCase(ErrorKind.NotFound, 404)]
    [TestCase(ErrorKind.Forbidden, 403)]
    [TestCase(ErrorKind.Conflict, 409)]
    [TestCase(ErrorKind.RateLimited, 429)]
    [TestCase(ErrorKind.TooEarly, 409)]
    public void Each_kind_has_one_status(ErrorKind kind, int status) => ErrorResponses.Status(kind).ShouldBe(status);

    [Test]
    public void Every_kind_has_a_problem_title_in_both_languages()
    {
        foreach (var culture in new[] { "en", "pt-BR" })
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            foreach (var kind in Enum.GetValues<ErrorKind>())
            {
                var title = T["Problem." + kind];
                title.ResourceNotFound.ShouldBeFalse($"{culture} {kind}");
                title.Value.ShouldNotBeNullOrWhiteSpace();
            }
        }

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("pt-BR");
        ErrorResponses.ProblemDetails(Error.NotFound("OfferingId", "Offering.NotFound"), T).Title.ShouldBe("Não encontrado.");
    }

    [Test]
    public void A_validation_problem_names_each_field_with_its_translated_message()
    {
        var problem = ErrorResponses.ProblemDetails(Error.Validation(
        [
            new FieldError("Code", "Catalog.CodeTaken", "CUR-1"),
            new FieldError("Code", "Field.TooLong", 20),
            new FieldError("Title", "Field.Required", "Title"),
        ]), T);

        problem.Status.ShouldBe(400);
        problem.Detail.ShouldBeNull();
        problem.Errors.Keys.ShouldBe(["Code", "Title"], ignoreOrder: true);
        problem.Errors["Code"].ShouldBe(["The code \"CUR-1\" is already in use: choose another.", "Too long: at most 20 characters."]);
        problem.Errors["Title"].ShouldBe(["Title is required."]);
    }

    [Test]
    public void A_refusal_that_is_not_about_input_carries_its_message_as_the_detail_and_under_its_field()
    {
        var problem = ErrorResponses.ProblemDetails(Error.Conflict("EnrolmentId", "Enrolment.NotAwaitingApproval"), T);
        problem.Status.ShouldBe(409);
        problem.Title.ShouldBe("The current state does not allow this.");
        problem.Detail.ShouldBe("This enrolment is no longer awaiting approval.");
        problem.Errors["EnrolmentId"].ShouldBe(["This enrolment is no longer awaiting approval."]);

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("pt-BR");
        var limited = ErrorResponses.ProblemDetails(Error.RateLimited(TimeSpan.FromMinutes(15), "Code", "CheckIn.TooManyAttempts", 15), T);
        limited.Status.ShouldBe(429);
        limited.Detail.ShouldBe("Códigos errados demais: aguarde 15 minutos e tente de novo.");
    }

    [Test]
    public void Every_rate_limited_error_sets_retry_after_to_its_own_delay_and_other_errors_none()
    {
        static string? After(Error error)
        {
            var response = new DefaultHttpContext().Response;
            ErrorResponses.RetryAfter(response, error);
            return response.Headers.RetryAfter.Count == 0 ? null : response.Headers.RetryAfter.ToString();
        }

        // The check-in wrong-code limit (its window) and the password-reset link limit (an hour).
        After(Error.RateLimited(TimeSpan.FromMinutes(5), "Code", "CheckIn.TooManyAttempts", 5)).ShouldBe("300");
        After(Error.RateLimited(TimeSpan.FromHours(1), "UserId", "Password.TooManyLinks", 3)).ShouldBe("3600");
        After(Error.RateLimited(TimeSpan.FromMilliseconds(200), "Code", "CheckIn.TooManyAttempts", 5)).ShouldBe("1", "never less than a second");
        After(Error.Conflict("Id", "Enrolment.NotPending")).ShouldBeNull();
    }

    [Test]
    public void An_identity_error_keeps_the_description_identity_already_translated()
    {
        var problem = ErrorResponses.ProblemDetails(Error.Validation("Password", "Identity.SomethingNew", "Use a longer passphrase."), T);
        problem.Errors["Password"].ShouldBe(["Use a longer passphrase."]);
    }

    [Test]
    public void The_api_answer_is_a_problem_document_with_the_kind_status()
    {
        var controller = new Probe { ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() } };
        var result = controller.Problem(Error.NotFound("OfferingId", "Offering.NotFound"), T).ShouldBeOfType<ObjectResult>();
        result.StatusCode.ShouldBe(404);
        result.ContentTypes.ShouldContain("application/problem+json");
        var problem = result.Value.ShouldBeOfType<ValidationProblemDetails>();
        problem.Detail.ShouldBe("Class or series not found.");
        problem.Extensions.ShouldContainKey("traceId");
    }

    [Test]
    public void A_screen_shows_the_404_or_403_page_for_what_is_missing_or_not_the_readers()
    {
        var controller = NewScreen();
        controller.Page(Error.NotFound("Id", "Certificate.NotFound")).ShouldBeOfType<NotFoundResult>();
        controller.Page(Error.Forbidden("Kind", "Report.NotAllowed")).ShouldBeOfType<ForbidResult>();
        controller.Page(Error.Conflict("Id", "Certificate.NotValid")).ShouldBeOfType<StatusCodeResult>().StatusCode.ShouldBe(409);

        var drawn = false;
        controller.Form(Error.NotFound("Id", "Certificate.NotFound"), T, () => { drawn = true; return new EmptyResult(); }).ShouldBeOfType<NotFoundResult>();
        drawn.ShouldBeFalse("a missing thing is not drawn as a form");
    }

    [Test]
    public void A_form_gets_the_messages_on_its_fields_and_the_status_of_the_kind()
    {
        var controller = NewScreen();
        var view = new EmptyResult();
        controller.Form(Error.Conflict("Reason", "Justification.AlreadyDecided"), T, () => view, "Form.").ShouldBeSameAs(view);
        controller.Response.StatusCode.ShouldBe(409);
        controller.ModelState["Form.Reason"]!.Errors.Single().ErrorMessage.ShouldBe(T["Justification.AlreadyDecided"].Value);

        var whole = NewScreen();
        whole.Form(Error.Validation("", "Session.AlreadyClosed"), T, () => view, "Form.");
        whole.Response.StatusCode.ShouldBe(400);
        whole.ModelState[""]!.Errors.Single().ErrorMessage.ShouldBe(T["Session.AlreadyClosed"].Value, "a message about the whole request goes to the summary");
    }

    private static Probe NewScreen() => new() { ControllerContext = new ControllerContext { HttpContext = new DefaultHttpContext() } };

    private sealed class Probe : Controller;
}
