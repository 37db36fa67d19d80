namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// What a window reports: the GLFW callbacks call these, and so do scripted tests, so both go through the
/// same code. Coordinates are framebuffer pixels from the top-left corner.
/// </summary>
public interface IWindowInput
{
    /// <summary>The cursor moved to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    void OnCursorMoved(double x, double y);

    /// <summary>A mouse button was pressed or released at the cursor.</summary>
    void OnMouseButton(MouseButton button, bool pressed);

    /// <summary>The wheel turned by <paramref name="clicks"/> (positive: away from the user) at the cursor.</summary>
    void OnScroll(double clicks);

    /// <summary>A key was pressed (or repeats while held).</summary>
    void OnKey(Key key);

    /// <summary>The drawable area changed size.</summary>
    void OnResize(int width, int height);
}

/// <summary>Mouse buttons, numbered as GLFW numbers them.</summary>
public enum MouseButton
{
    /// <summary>The primary button.</summary>
    Left = 0,

    /// <summary>The secondary button.</summary>
    Right = 1,

    /// <summary>The wheel button.</summary>
    Middle = 2,
}

/// <summary>The keys the view uses, numbered as GLFW numbers them (printable keys by their US-layout character).</summary>
public enum Key
{
    /// <summary>Unknown or unused.</summary>
    Unknown = -1,

    /// <summary>Space.</summary>
    Space = 32,

    /// <summary>Minus.</summary>
    Minus = 45,

    /// <summary>Equal / plus.</summary>
    Equal = 61,

    /// <summary>C.</summary>
    C = 67,

    /// <summary>H.</summary>
    H = 72,

    /// <summary>L.</summary>
    L = 76,
    /// <summary>M.</summary>
    M = 77,

    /// <summary>O.</summary>
    O = 79,

    /// <summary>P.</summary>
    P = 80,

    /// <summary>Q.</summary>
    Q = 81,

    /// <summary>R.</summary>
    R = 82,

    /// <summary>S.</summary>
    S = 83,

    /// <summary>Left bracket: lower.</summary>
    LeftBracket = 91,

    /// <summary>Right bracket: raise.</summary>
    RightBracket = 93,

    /// <summary>Escape.</summary>
    Escape = 256,

    /// <summary>Keypad minus.</summary>
    KeypadSubtract = 333,

    /// <summary>Keypad plus.</summary>
    KeypadAdd = 334,
}
