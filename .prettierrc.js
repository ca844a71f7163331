// Formatting for the whole repository (`npm run format`; `npm test` checks it). The settings of n8n's
// node starter (n8n-io/n8n-nodes-starter), so the code reads like n8n's own nodes.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
