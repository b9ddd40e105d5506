// The generated Prisma client imports its TypeScript siblings as `./x.js`; fall back to the
// extensionless path when no .js file exists, and leave every other resolution alone.
module.exports = (request, options) => {
  try {
    return options.defaultResolver(request, options);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) return options.defaultResolver(request.slice(0, -3), options);
    throw error;
  }
};
