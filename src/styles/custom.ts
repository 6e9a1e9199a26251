// The owner's stylesheet (src/custom/custom.css), when it exists. Its own module, imported
// after global.css: Vite puts a module's glob imports before its other imports.
import.meta.glob('../custom/custom.css', { eager: true });
