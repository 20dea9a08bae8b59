using System.Globalization;

namespace Mrv.Registry.Portal;

/// <summary>Page wording in the visitor's language: <c>@T("登录", "Sign in")</c>.</summary>
public static class PortalText
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string zhCn, string en) => IsEnglish ? en : zhCn;

    public static string Culture => IsEnglish ? "en" : "zh-CN";

    /// <summary>Items of a list in a sentence: 甲、乙 or A, B.</summary>
    public static string List(IEnumerable<string> items) => string.Join(IsEnglish ? ", " : "、", items);
}
