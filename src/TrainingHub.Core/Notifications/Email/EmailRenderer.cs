using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Notifications;

/// <summary>Subject, HTML and text of one email.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text)
{
    /// <summary>Files the template itself produces (the .ics invitation); files a message names come from attachment sources.</summary>
    public IReadOnlyList<EmailAttachment>? Attachments { get; init; }
}

/// <summary>
/// Renders a message with its Razor template, outside any HTTP request: the views are compiled into this assembly and
/// found by path with the Razor view engine of a small service provider of its own (MVC views, localisation with the
/// shared resx files, an encoder that leaves accented letters as they are). The template gives the body and the
/// subject; the one layout (Email/_Layout.cshtml) wraps it, and the plain-text part is read from the same markup
/// (<see cref="EmailText"/>), so both say the same.
/// </summary>
public sealed class EmailRenderer : IDisposable
{
    public const string LayoutPath = "/Notifications/Email/_Layout.cshtml";

    private static readonly Lazy<EmailRenderer> SharedInstance = new(() => new EmailRenderer());

    private readonly ServiceProvider services;

    private EmailRenderer()
    {
        var s = new ServiceCollection();
        s.AddLogging();
        s.AddSingleton(new DiagnosticListener("TrainingHub.Email"));
        s.AddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        s.AddLocalization(o => o.ResourcesPath = "Resources");
        s.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        s.AddMvcCore()
            .AddViews()
            .AddRazorViewEngine()
            .ConfigureApplicationPartManager(m =>
            {
                m.ApplicationParts.Clear();
                m.ApplicationParts.Add(new CompiledRazorAssemblyPart(typeof(EmailRenderer).Assembly));
            });
        services = s.BuildServiceProvider();
    }

    /// <summary>One renderer for the process: building the view engine is the expensive part.</summary>
    public static EmailRenderer Shared => SharedInstance.Value;

    /// <summary>
    /// The email in the reader's language (pt-BR unless English). Non-essential messages carry the unsubscribe link
    /// in the footer; calendar messages an .ics invitation for the given parties. Templates build links into the
    /// application from <paramref name="publicUrl"/> (App:PublicUrl) with <c>AppUrl</c>.
    /// </summary>
    public async Task<RenderedEmail> RenderAsync(IEmailMessage message, string language, string? unsubscribeUrl = null, CalendarParties? calendar = null,
        string? publicUrl = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var culture = CultureInfo.GetCultureInfo(language == Languages.English ? Languages.English : Languages.Portuguese);
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
            var (body, data) = await RenderViewAsync(action, EmailMessages.TemplatePath(message.GetType()), message, publicUrl);
            var subject = data[EmailViewData.Subject] as string;
            if (string.IsNullOrWhiteSpace(subject))
            {
                throw new InvalidOperationException($"The template of {message.GetType().Name} sets no subject.");
            }

            var layout = new EmailLayoutModel(subject, culture.Name, new HtmlString(body), unsubscribeUrl);
            var (html, _) = await RenderViewAsync(action, LayoutPath, layout);
            var rendered = new RenderedEmail(subject, html, EmailText.FromHtml(html));
            if (message is ICalendarMessage invitation
                && invitation.Calendar(scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>()) is { } invite)
            {
                var parties = calendar ?? new CalendarParties("noreply@traininghub.local", null, "", null);
                rendered = rendered with
                {
                    Attachments = [ICalendar.Attachment(invite, parties with { AttendeeName = parties.AttendeeName ?? invitation.AttendeeName() })],
                };
            }

            return rendered;
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    private async Task<(string Html, ViewDataDictionary Data)> RenderViewAsync(ActionContext action, string path, object model, string? publicUrl = null)
    {
        var sp = action.HttpContext.RequestServices;
        var found = sp.GetRequiredService<IRazorViewEngine>().GetView(executingFilePath: null, viewPath: path, isMainPage: true);
        if (!found.Success)
        {
            throw new InvalidOperationException($"No email template at {path}.");
        }

        var data = new ViewDataDictionary(sp.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary()) { Model = model };
        data[EmailViewData.PublicUrl] = publicUrl;
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var context = new ViewContext(action, found.View, data, new TempDataDictionary(action.HttpContext, NoTempData.Instance), writer, new HtmlHelperOptions());
        await found.View.RenderAsync(context);
        return (writer.ToString(), context.ViewData);
    }

    public void Dispose() => services.Dispose();

    /// <summary>Emails keep no temporary data between requests: there are none.</summary>
    private sealed class NoTempData : ITempDataProvider
    {
        public static readonly NoTempData Instance = new();

        public IDictionary<string, object> LoadTempData(HttpContext context) => new Dictionary<string, object>();

        public void SaveTempData(HttpContext context, IDictionary<string, object> values)
        {
        }
    }
}

/// <summary>What the layout wraps: the template's body, its subject (the title), the language and the unsubscribe link of optional messages.</summary>
public sealed record EmailLayoutModel(string Subject, string Language, IHtmlContent Body, string? UnsubscribeUrl);

/// <summary>Keys a template leaves for the renderer.</summary>
public static class EmailViewData
{
    public const string Subject = "EmailSubject";

    /// <summary>The address people reach the application at (App:PublicUrl), when known.</summary>
    public const string PublicUrl = "EmailPublicUrl";
}
