// Builds the add-in and the demo page into dist/addin/ as static files (no server needed):
// taskpane.html (shared runtime: pane, ribbon commands, GNBV.* functions), functions.json,
// manifest.xml, assets/, demo.html. ExcelJS is a lazily loaded chunk, used only to merge files.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import CustomFunctionsMetadataPlugin from 'custom-functions-metadata-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
/** Where the add-in is hosted; Office loads every URL of the manifest from here. */
const host = (process.env.ADDIN_HOST ?? 'https://localhost:3000').replace(/\/$/, '');

export default (_env, argv) => {
  const production = argv.mode !== 'development';
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? false : 'eval-cheap-module-source-map',
    entry: {
      taskpane: './taskpane/index.tsx',
      demo: './demo/index.tsx',
    },
    output: {
      path: path.join(root, 'dist/addin'),
      filename: '[name].[contenthash:8].js',
      chunkFilename: 'chunk.[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // Sources import "./x.js" (NodeNext style) for files that are "./x.ts".
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [{ test: /\.tsx?$/, loader: 'ts-loader', exclude: /node_modules/, options: { transpileOnly: true, compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: !production } } }],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './functions/functions.ts' }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'demo.html', template: './demo/demo.html', chunks: ['demo'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => content.toString().replaceAll('https://localhost:3000', host) },
        ],
      }),
    ],
  };
};
