using System.Globalization;

namespace Mrv.EventStore;

/// <summary>A sentence in Chinese (the default) and English; shown in the caller's UI culture.</summary>
public sealed record LocalizedText(string ZhCn, string En)
{
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName.Equals("en", StringComparison.OrdinalIgnoreCase) ? En : ZhCn;

    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
