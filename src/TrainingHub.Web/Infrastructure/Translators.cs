using Microsoft.Extensions.Localization;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Message lookup in a given language, for what is written outside a request (attachments built at send time).</summary>
public static class Translators
{
    public static Func<string, Func<string, string>> For(IStringLocalizer localizer) => language =>
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        return key =>
        {
            var previous = System.Globalization.CultureInfo.CurrentUICulture;
            System.Globalization.CultureInfo.CurrentUICulture = culture;
            try
            {
                return localizer[key].Value;
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentUICulture = previous;
            }
        };
    };
}
