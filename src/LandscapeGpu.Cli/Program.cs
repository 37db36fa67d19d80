using LandscapeGpu.Cli;

return LandscapeCli.Run(args);
