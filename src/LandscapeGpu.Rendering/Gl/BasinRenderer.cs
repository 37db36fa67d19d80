using LandscapeGpu.Rendering.Cpu;
using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// Draws a <see cref="MapLayer"/> and its overlay with the GLSL in shaders/: into whatever framebuffer is bound,
/// a window's or an <see cref="OffscreenTarget"/>, so the window and headless images come from the same code.
/// Knows nothing of descents. Use it on the thread where its context is current.
/// </summary>
public sealed class BasinRenderer : IDisposable
{
    private static readonly string[] MapUniforms =
    [
        "basins", "field", "viewToData", "logSlowest", "shading", "contours", "contourSpacing", "fieldMinimum", "background",
        "palette", "paletteCount", "divergedColour", "unconvergedColour", "ramp", "ramps", "rampLightening", "rampDarkening", "classColours", "classColourCount",
    ];

    private static readonly string[] CurveUniforms =
    [
        "basins", "field", "viewToData", "logSlowest", "shading", "stripHeight", "curveRange", "plotPixels", "background",
        "palette", "paletteCount", "divergedColour", "unconvergedColour", "classColours", "classColourCount",
    ];

    private readonly GL gl;
    private readonly ShaderProgram mapProgram;
    private readonly ShaderProgram curveProgram;
    private readonly ShaderProgram overlayProgram;
    private readonly uint emptyVertexArray;
    private readonly PointBuffer overlay;
    private readonly List<float> overlayVertices = [];
    private DataTexture? classes;
    private DataTexture? field;
    private DataTexture? ramp;
    private DataTexture? colours;
    private MapLayer? layer;

    /// <summary>Builds the programs from <paramref name="shaderDirectory"/> (default: shaders/ beside the program).</summary>
    public BasinRenderer(GL gl, string? shaderDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(gl);
        this.gl = gl;
        string directory = shaderDirectory ?? DefaultShaderDirectory;
        string Shader(string name) => Path.Combine(directory, name);
        mapProgram = new ShaderProgram(gl, Shader("fullscreen.vert"), [Shader("basins.frag"), Shader("palette.glsl")], MapUniforms);
        curveProgram = new ShaderProgram(gl, Shader("fullscreen.vert"), [Shader("curve.frag"), Shader("palette.glsl")], CurveUniforms);
        overlayProgram = new ShaderProgram(gl, Shader("overlay.vert"), [Shader("overlay.frag")], ["lineColour"]);
        foreach (ShaderProgram program in new[] { mapProgram, curveProgram })
        {
            program.Use();
            program.Set("basins", 0);
            program.Set("field", 1);
            program.Set("classColours", 3);
            SetPalette(program);
        }

        mapProgram.Use();
        mapProgram.Set("ramp", 2);
        mapProgram.Set("rampLightening", (float)MapRaster.RampLightening);
        mapProgram.Set("rampDarkening", (float)MapRaster.RampDarkening);

        // Core profile draws nothing without a bound vertex array, even when the vertex shader makes its own positions.
        emptyVertexArray = gl.GenVertexArray();
        overlay = new PointBuffer(gl);
    }

    /// <summary>shaders/ beside the running program.</summary>
    public static string DefaultShaderDirectory => Path.Combine(AppContext.BaseDirectory, "shaders");

    /// <summary>The layer last uploaded, or null.</summary>
    public MapLayer? Layer => layer;

    /// <summary>Uploads <paramref name="newLayer"/>, replacing the previous one.</summary>
    public void Upload(MapLayer newLayer)
    {
        ArgumentNullException.ThrowIfNull(newLayer);
        var pairs = new int[2 * newLayer.Classes.Length];
        for (int i = 0; i < newLayer.Classes.Length; i++)
        {
            pairs[2 * i] = newLayer.Classes[i];
            pairs[2 * i + 1] = newLayer.Counts[i];
        }

        if (newLayer.ClassColours is { } flat && flat.Count > gl.GetInteger(GetPName.MaxTextureSize))
        {
            throw new GlUnavailableException($"{flat.Count} class colours are more than this OpenGL's largest texture holds ({gl.GetInteger(GetPName.MaxTextureSize)})");
        }

        classes?.Dispose();
        field?.Dispose();
        ramp?.Dispose();
        colours?.Dispose();
        colours = ColourTextureOf(newLayer);
        classes = DataTexture.IntegerPairs(gl, newLayer.Width, newLayer.Height, pairs);
        field = DataTexture.Floats(gl, newLayer.Width, newLayer.Height, newLayer.Field);
        ramp = RampTextureOf(newLayer);
        layer = newLayer;
    }

    /// <summary>Draws the uploaded layer and <paramref name="style"/>'s overlay into the bound framebuffer, <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    /// <exception cref="InvalidOperationException">No layer was uploaded.</exception>
    public void Draw(FrameStyle style, int width, int height)
    {
        DrawMap(style, width, height);
        DrawOverlay(style, width, height);
    }

    /// <summary>
    /// Draws the uploaded layer alone, without <paramref name="style"/>'s path and markers (see <see cref="DrawOverlay"/>):
    /// the view draws an earlier, finer map over part of a coarse one in between.
    /// </summary>
    /// <exception cref="InvalidOperationException">No layer was uploaded.</exception>
    public void DrawMap(FrameStyle style, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (layer is null || classes is null || field is null || ramp is null || colours is null)
        {
            throw new InvalidOperationException("no map layer was uploaded: call Upload before Draw");
        }

        gl.Viewport(0, 0, (uint)width, (uint)height);
        gl.Disable(EnableCap.DepthTest);
        gl.Disable(EnableCap.Blend);
        classes.Bind(0);
        field.Bind(1);
        ramp.Bind(2);
        colours.Bind(3);
        WorldRect extent = layer.Extent, view = style.View;
        float scaleX = (float)(view.Width / extent.Width), offsetX = (float)((view.X0 - extent.X0) / extent.Width);
        float scaleY = layer.OneDimensional ? 1 : (float)(view.Height / extent.Height);
        float offsetY = layer.OneDimensional ? 0 : (float)((view.Y0 - extent.Y0) / extent.Height);
        (double bottom, double top) = CurveRangeOf(style);
        ShaderProgram program = layer.OneDimensional ? curveProgram : mapProgram;
        program.Use();
        program.Set("viewToData", scaleX, scaleY, offsetX, offsetY);
        program.Set("logSlowest", (float)Math.Log(1 + layer.LargestCount));
        // Flat class colours stand for a value (the loss): a darker shade or a ramp would read as another one.
        program.Set("shading", style.ShadeByCounts && layer.ClassColours is null ? (float)FrameStyle.StepShading : 0f);
        program.Set("classColourCount", layer.ClassColours?.Count ?? 0);
        program.Set("background", style.Background.R / 255f, style.Background.G / 255f, style.Background.B / 255f);
        if (layer.OneDimensional)
        {
            program.Set("stripHeight", (float)FrameStyle.StripHeight);
            program.Set("curveRange", (float)bottom, (float)top);
            program.Set("plotPixels", (float)((1 - FrameStyle.StripHeight) * height));
        }
        else
        {
            program.Set("contours", style.Contours ? 1 : 0);
            program.Set("contourSpacing", (float)style.ContourSpacing);
            program.Set("fieldMinimum", layer.FieldMinimum);
            program.Set("ramps", layer.RampPositions is null || layer.ClassColours is not null ? 0 : 1);
        }

        gl.BindVertexArray(emptyVertexArray);
        gl.DrawArrays(PrimitiveType.Triangles, 0, 3);
    }

    /// <summary>The loss range a 1-D scene shows: the style's, or the layer's field range with a 5% margin.</summary>
    public (double Bottom, double Top) CurveRangeOf(FrameStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (style.CurveRange is { } range)
        {
            return range;
        }

        double low = layer?.FieldMinimum ?? 0, high = layer?.FieldMaximum ?? 1;
        double margin = Math.Max(0.05 * (high - low), 1e-12);
        return (low - margin, high + margin);
    }

    /// <summary>Where world point (<paramref name="x"/>, <paramref name="y"/>) lands in clip coordinates [-1, 1]; y is the loss in a 1-D scene.</summary>
    public (double X, double Y) ToClip(FrameStyle style, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(style);
        WorldRect view = style.View;
        double u = (x - view.X0) / view.Width;
        double v;
        if (layer is { OneDimensional: true })
        {
            (double bottom, double top) = CurveRangeOf(style);
            v = FrameStyle.StripHeight + (1 - FrameStyle.StripHeight) * (y - bottom) / (top - bottom);
        }
        else
        {
            v = (y - view.Y0) / view.Height;
        }

        return (2 * u - 1, 2 * v - 1);
    }

    /// <summary>Draws <paramref name="style"/>'s path and markers over what is drawn (the layer's scene decides a 1-D path's height).</summary>
    public void DrawOverlay(FrameStyle style, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(style);
        overlayVertices.Clear();
        int shown = Math.Clamp(style.PathShown, 0, style.Path.Count);
        for (int i = 0; i < shown; i++)
        {
            AddVertex(style, style.Path[i].X, style.Path[i].Y, 4, 1);
        }

        int lineCount = overlayVertices.Count / PointBuffer.FloatsPerVertex;
        for (int i = 0; i < shown; i++)
        {
            bool head = i == shown - 1;
            AddVertex(style, style.Path[i].X, style.Path[i].Y, (int)MarkerShape.Dot, head ? 11 : 6);
        }

        foreach (Marker marker in style.Markers)
        {
            AddVertex(style, marker.X, marker.Y, (int)marker.Shape, (float)style.MarkerSize);
        }

        int pointCount = overlayVertices.Count / PointBuffer.FloatsPerVertex - lineCount;
        if (overlayVertices.Count == 0)
        {
            return;
        }

        overlay.Fill(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(overlayVertices));
        overlayProgram.Use();
        gl.Enable(EnableCap.ProgramPointSize);
        gl.Enable(EnableCap.ScissorTest);
        // A 1-D path stays out of the W-axis strip.
        int stripPixels = layer is { OneDimensional: true } ? (int)(FrameStyle.StripHeight * height) : 0;
        gl.Scissor(0, stripPixels, (uint)width, (uint)(height - stripPixels));
        gl.LineWidth(3);
        overlayProgram.Set("lineColour", 0, 0, 0);
        overlay.Draw(PrimitiveType.LineStrip, 0, lineCount);
        gl.LineWidth(1);
        overlayProgram.Set("lineColour", 1, 1, 1);
        overlay.Draw(PrimitiveType.LineStrip, 0, lineCount);
        gl.Disable(EnableCap.ScissorTest);
        overlay.Draw(PrimitiveType.Points, lineCount, pointCount);
        gl.Disable(EnableCap.ProgramPointSize);
    }

    private void AddVertex(FrameStyle style, double x, double y, int shape, float size)
    {
        (double clipX, double clipY) = ToClip(style, x, y);
        if (!double.IsFinite(clipX) || !double.IsFinite(clipY))
        {
            return;
        }

        // Far-off points are clamped so that a line towards them keeps its direction without float overflow.
        overlayVertices.Add((float)Math.Clamp(clipX, -1e6, 1e6));
        overlayVertices.Add((float)Math.Clamp(clipY, -1e6, 1e6));
        overlayVertices.Add(shape);
        overlayVertices.Add(size);
    }

    // The ramp positions with NaN (no position: shade by steps) as -1, which the shader tests for; a layer with no
    // positions gets a single such texel, never read, so that every sampler has a texture.
    private DataTexture RampTextureOf(MapLayer newLayer)
    {
        if (newLayer.RampPositions is not { } positions)
        {
            return DataTexture.Floats(gl, 1, 1, [-1f]);
        }

        var values = new float[positions.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = float.IsNaN(positions[i]) ? -1f : Math.Clamp(positions[i], 0f, 1f);
        }

        return DataTexture.Floats(gl, newLayer.Width, newLayer.Height, values);
    }

    // The layer's flat class colours as three rows (red, green, blue) of one float per class; a layer without them
    // gets a single texel, never read, so that every sampler has a texture.
    private DataTexture ColourTextureOf(MapLayer newLayer)
    {
        if (newLayer.ClassColours is not { Count: > 0 } flat)
        {
            return DataTexture.Floats(gl, 1, 1, [0f]);
        }

        var values = new float[3 * flat.Count];
        for (int i = 0; i < flat.Count; i++)
        {
            values[i] = flat[i].R / 255f;
            values[flat.Count + i] = flat[i].G / 255f;
            values[(2 * flat.Count) + i] = flat[i].B / 255f;
        }

        return DataTexture.Floats(gl, flat.Count, 3, values);
    }

    private static void SetPalette(ShaderProgram program)
    {
        IReadOnlyList<Rgb> fixedColours = BasinPalette.Fixed;
        var values = new float[3 * fixedColours.Count];
        for (int i = 0; i < fixedColours.Count; i++)
        {
            values[3 * i] = fixedColours[i].R / 255f;
            values[3 * i + 1] = fixedColours[i].G / 255f;
            values[3 * i + 2] = fixedColours[i].B / 255f;
        }

        program.SetVec3Array("palette", values);
        program.Set("paletteCount", fixedColours.Count);
        Rgb diverged = BasinPalette.Diverged, unconverged = BasinPalette.Unconverged;
        program.Set("divergedColour", diverged.R / 255f, diverged.G / 255f, diverged.B / 255f);
        program.Set("unconvergedColour", unconverged.R / 255f, unconverged.G / 255f, unconverged.B / 255f);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        classes?.Dispose();
        field?.Dispose();
        ramp?.Dispose();
        colours?.Dispose();
        overlay.Dispose();
        gl.DeleteVertexArray(emptyVertexArray);
        overlayProgram.Dispose();
        curveProgram.Dispose();
        mapProgram.Dispose();
    }
}
