using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Tests;

/// <summary>
/// Whether OpenGL can run here. Tests that need it are skipped with the reason where it cannot, except when
/// LANDSCAPE_REQUIRE_GL=1 (CI sets it, having installed the packages): then a missing GL fails the test.
/// </summary>
public static class GlEnvironment
{
    private static readonly Lazy<string?> HeadlessReason = new(() =>
    {
        try
        {
            using HeadlessGlContext context = HeadlessGlContext.Create();
            return null;
        }
        catch (GlUnavailableException error)
        {
            return error.Message;
        }
    });

    public static bool Required => Environment.GetEnvironmentVariable("LANDSCAPE_REQUIRE_GL") == "1";

    /// <summary>Skips (or fails, where GL is required) unless a headless context can be made.</summary>
    public static void RequireHeadless() => SkipUnless(HeadlessReason.Value);

    /// <summary>Skips (or fails, where GL is required) when <paramref name="reason"/> is not null.</summary>
    public static void SkipUnless(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        if (Required)
        {
            throw new InvalidOperationException($"GL is required here (LANDSCAPE_REQUIRE_GL=1) but: {reason}");
        }

        Skip.If(true, reason);
    }
}

/// <summary>Tests that use GL or GLFW run one at a time: GLFW is not thread-safe and the display is shared.</summary>
[CollectionDefinition(Name)]
public sealed class GlCollection : ICollectionFixture<DisplayFixture>
{
    public const string Name = "gl";
}
