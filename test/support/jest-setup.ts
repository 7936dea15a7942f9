// The AWS SDK warns once per process that Node 20 support ends; the Lambdas run on Node 24, and the
// warning drowns test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
