using System.Globalization;
using System.Resources;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// The wording of certificates and transcripts, from the shared resx files (keys Certificate.Pdf.*), in the snapshot's
/// language: documents are drawn outside any request, so the culture is the snapshot's, not the current one.
/// </summary>
internal static class CertificateTexts
{
    private static readonly ResourceManager Resources = new("TrainingHub.Core.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static string Get(string key, bool en, params object?[] args)
    {
        var culture = CultureInfo.GetCultureInfo(en ? Languages.English : Languages.Portuguese);
        var text = Resources.GetString("Certificate.Pdf." + key, culture) ?? throw new InvalidOperationException($"No text Certificate.Pdf.{key}.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
